"""The findings of the KIM security review (docs/security/kim.md), each with stock clients over real
sockets: smtplib and poplib as practice software or attacker, openssl s_client for TLS, and a fake
Fachdienst (a Python SMTPS server with its own certificate) for the client module's trust."""

import os
import poplib
import socket
import ssl
import statistics
import subprocess
import tempfile
import threading
import time
import unittest
import smtplib

import kimtest
from kimtest import DOMAIN_A, DOMAIN_B, HOST, Practice

PRAXIS_OID = "1.2.276.0.76.4.50"
KRANKENHAUS_OID = "1.2.276.0.76.4.53"


def empty_fachdienst_mailbox(practice):
    pop = kimtest.pop3s(kimtest.Account(practice.address, practice.password))
    for number in range(1, pop.stat()[0] + 1):
        pop.dele(number)
    pop.quit()


def raw_data(smtp, sender, recipients, payload):
    """MAIL, RCPT, DATA with `payload` sent byte for byte (smtplib.data would turn every bare LF
    into CRLF); `payload` ends with CRLF, the final dot line is added. Returns DATA's reply."""
    code, text = smtp.mail(sender)
    assert code == 250, (code, text)
    for recipient in recipients:
        code, text = smtp.rcpt(recipient)
        assert code == 250, (code, text)
    smtp.putcmd("data")
    code, text = smtp.getreply()
    assert code == 354, (code, text)
    smtp.send(payload + b".\r\n")
    return smtp.getreply()


def client_module_login(user, password):
    client = smtplib.SMTP(HOST, kimtest.CLIENT_MODULE_SMTP_PORT, timeout=120)
    client.ehlo("pvs.praxis.test")
    try:
        client.login(user, password)
    except smtplib.SMTPAuthenticationError:
        client.close()
        raise
    return client


class FakeFachdienst(threading.Thread):
    """An SMTPS server on 127.0.0.1 with a self-signed certificate of its own that takes any AUTH:
    what an attacker who names their own host in the client module's login name would run."""

    def __init__(self, work):
        super().__init__(daemon=True)
        self.key = os.path.join(work, "fake.key")
        self.cert = os.path.join(work, "fake.crt")
        kimtest.openssl(
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", self.key, "-out", self.cert,
            "-days", "1", "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
        )
        self.context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.context.load_cert_chain(self.cert, self.key)
        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(5)
        self.server.settimeout(1)
        self.port = self.server.getsockname()[1]
        self.auth_lines = []
        self.handshakes = 0
        self.stopped = False

    def run(self):
        while not self.stopped:
            try:
                conn, _ = self.server.accept()
            except socket.timeout:
                continue
            except OSError:
                return
            conn.settimeout(30)
            try:
                tls = self.context.wrap_socket(conn, server_side=True)
                self.handshakes += 1
                reader = tls.makefile("rb")
                tls.sendall(b"220 fake ESMTP\r\n")
                while True:
                    line = reader.readline()
                    if not line:
                        break
                    command = line.strip().upper()
                    if command.startswith(b"EHLO"):
                        tls.sendall(b"250-fake\r\n250 AUTH PLAIN\r\n")
                    elif command.startswith(b"AUTH"):
                        if len(command.split()) < 3:
                            tls.sendall(b"334 \r\n")
                            line = reader.readline()
                        self.auth_lines.append(line)
                        tls.sendall(b"235 2.7.0 ok\r\n")
                    elif command.startswith(b"QUIT"):
                        tls.sendall(b"221 bye\r\n")
                        break
                    else:
                        tls.sendall(b"250 ok\r\n")
            except (ssl.SSLError, OSError):
                pass
            finally:
                conn.close()

    def stop(self):
        self.stopped = True
        self.server.close()


class ClientModuleAccessTest(unittest.TestCase):
    """Finding 1: the login name may only name a configured Fachdienst, trusted by the TI store or
    as this installation's own, and a bound (address, Mandant, client system, workplace)."""

    @classmethod
    def setUpClass(cls):
        cls.a = Practice("Praxis", DOMAIN_A, PRAXIS_OID)
        cls.b = Practice("Klinik", DOMAIN_B, KRANKENHAUS_OID)

    def test_own_fachdienst_with_the_bound_mandant_logs_in_with_default_trust(self):
        # no kim.clientmodule.fachdienst-trust in the test server any more: the defaults work
        client_module_login(self.a.smtp_user(), self.a.password).quit()
        self.a.client_module_pop3().quit()

    def test_login_naming_another_institutions_mandant_is_refused_with_535(self):
        # A's own password, but B's Mandant: B's card would decrypt and sign
        user = f"{self.a.address}#{HOST}:{kimtest.SMTPS_PORT}#{self.b.mandant}#PVS-1#Arbeitsplatz-1"
        with self.assertRaises(smtplib.SMTPAuthenticationError) as refused:
            client_module_login(user, self.a.password)
        self.assertEqual(535, refused.exception.smtp_code)
        pop = poplib.POP3(HOST, kimtest.CLIENT_MODULE_POP3_PORT, timeout=60)
        pop.user(f"{self.a.address}#{HOST}:{kimtest.POP3S_PORT}#{self.b.mandant}#PVS-1#Arbeitsplatz-1")
        with self.assertRaises(poplib.error_proto):
            pop.pass_(self.a.password)
        pop.close()

    def test_fachdienst_host_not_on_the_list_is_refused_with_535(self):
        # 127.0.0.2 reaches this very Fachdienst (Linux routes 127/8 to lo), but it is not listed
        user = f"{self.a.address}#127.0.0.2:{kimtest.SMTPS_PORT}#{self.a.mandant}#PVS-1#Arbeitsplatz-1"
        with self.assertRaises(smtplib.SMTPAuthenticationError) as refused:
            client_module_login(user, self.a.password)
        self.assertEqual(535, refused.exception.smtp_code)

    def test_fake_fachdienst_with_its_own_certificate_never_sees_the_password(self):
        with tempfile.TemporaryDirectory() as work:
            fake = FakeFachdienst(work)
            fake.start()
            try:
                user = f"{self.a.address}#127.0.0.1:{fake.port}#{self.a.mandant}#PVS-1#Arbeitsplatz-1"
                with self.assertRaises(smtplib.SMTPAuthenticationError) as refused:
                    client_module_login(user, "what-the-attacker-likes").quit()
                self.assertEqual(535, refused.exception.smtp_code)
                self.assertEqual([], fake.auth_lines, "no credentials reach an untrusted host")
                self.assertEqual(0, fake.handshakes, "the client module refused the certificate")
            finally:
                fake.stop()


class SignatureSenderTest(unittest.TestCase):
    """Finding 2: only the client module's result headers reach the practice software, a signature
    proves the From only if it is the From's institution's, and accounts send only S/MIME."""

    @classmethod
    def setUpClass(cls):
        cls.a = Practice("Praxis", DOMAIN_A, PRAXIS_OID)
        cls.b = Practice("Klinik", DOMAIN_B, KRANKENHAUS_OID)
        cls.c = Practice("Fremd", DOMAIN_A, PRAXIS_OID)

    def setUp(self):
        empty_fachdienst_mailbox(self.b)

    def received_at_b(self):
        pop = self.b.client_module_pop3()
        try:
            return [b"\r\n".join(pop.retr(n)[1]) + b"\r\n" for n in range(1, pop.stat()[0] + 1)]
        finally:
            pop.quit()

    def test_forged_result_headers_inside_a_signed_message_are_replaced(self):
        sent = (
            f"From: {self.a.address}\r\nTo: {self.b.address}\r\nSubject: echt\r\n"
            "X-KIM-DecryptionResult: decrypted\r\n"
            "X-KIM-IntegrityCheckResult: valid; signer=\"CN=Bundesamt\"\r\n"
            "X-KIM-Fehlermeldung: keine\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain\r\n\r\nInhalt\r\n"
        ).encode()
        with self.a.client_module_smtp() as smtp:
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], sent))
        [received] = self.received_at_b()
        self.assertEqual(1, received.count(b"X-KIM-DecryptionResult:"), received[:600])
        self.assertEqual(1, received.count(b"X-KIM-IntegrityCheckResult:"), received[:600])
        self.assertNotIn(b"Bundesamt", received)
        self.assertNotIn(b"X-KIM-Fehlermeldung: keine", received)
        self.assertIn(b"X-KIM-IntegrityCheckResult: valid", received)

    def test_forged_result_headers_on_an_unencrypted_report_are_replaced(self):
        report = (
            f"From: {self.a.address}\r\nTo: {self.b.address}\r\nSubject: Gelesen\r\n"
            "X-KIM-DecryptionResult: decrypted\r\nX-KIM-IntegrityCheckResult: valid\r\n"
            'MIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=disposition-notification;'
            ' boundary="g"\r\n\r\n--g\r\nContent-Type: text/plain\r\n\r\ngelesen\r\n--g--\r\n'
        ).encode()
        with kimtest.smtps(kimtest.Account(self.a.address, self.a.password)) as smtp:
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], report))
        [received] = self.received_at_b()
        self.assertEqual(1, received.count(b"X-KIM-DecryptionResult:"), received[:600])
        self.assertEqual(1, received.count(b"X-KIM-IntegrityCheckResult:"), received[:600])
        self.assertIn(b"X-KIM-DecryptionResult: not encrypted", received)
        self.assertIn(b"X-KIM-IntegrityCheckResult: not signed", received)

    def test_signature_of_another_institution_than_the_from_is_invalid_with_a_warning(self):
        # C logs in as C (envelope sender C), but writes From: A; C's card signs
        forged = kimtest.message(self.a.address, self.b.address, "von A?", "Ueberweisung", "text/plain")
        with self.c.client_module_smtp() as smtp:
            self.assertEqual({}, smtp.sendmail(self.c.address, [self.b.address], forged))
        [received] = self.received_at_b()
        self.assertIn(b"X-KIM-DecryptionResult: decrypted", received)
        self.assertIn(b"X-KIM-IntegrityCheckResult: invalid", received, received[:800])
        self.assertNotIn(b"X-KIM-IntegrityCheckResult: valid", received)
        self.assertIn(b"X-KIM-Fehlermeldung:", received)
        self.assertIn(self.a.address.encode(), received.split(b"X-KIM-Fehlermeldung:", 1)[1].split(b"\r\n")[0])
        self.assertTrue(received.endswith(forged), "delivered, not dropped")

    def test_plaintext_from_an_account_is_refused_with_554_5_7_1_and_reports_pass(self):
        account = kimtest.Account(self.a.address, self.a.password)
        plain = kimtest.message(self.a.address, self.b.address, "klar", "unverschluesselt", "text/plain")
        with kimtest.smtps(account) as smtp:
            with self.assertRaises(smtplib.SMTPDataError) as refused:
                smtp.sendmail(self.a.address, [self.b.address], plain)
            self.assertEqual(554, refused.exception.smtp_code)
            self.assertTrue(refused.exception.smtp_error.startswith(b"5.7.1"), refused.exception.smtp_error)
            # the session goes on, S/MIME passes
            smime = kimtest.message(self.a.address, self.b.address, "x", "QUJD")
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], smime))
        self.assertEqual(1, len(kimtest.mailbox(kimtest.Account(self.b.address, self.b.password))))


class BareLineEndingTest(unittest.TestCase):
    """Finding 3: a bare LF with a dot after it must not end a later RETR early."""

    INJECTION = b"Zeile\n.\r\n+OK eingeschleust\r\nmehr Text\r\n"

    @classmethod
    def setUpClass(cls):
        cls.a = Practice("Praxis", DOMAIN_A, PRAXIS_OID)
        cls.b = Practice("Klinik", DOMAIN_B, KRANKENHAUS_OID)

    def test_bare_lf_in_data_is_refused_with_554_5_6_0_and_the_session_goes_on(self):
        empty_fachdienst_mailbox(self.b)
        account = kimtest.Account(self.a.address, self.a.password)
        head = kimtest.message(self.a.address, self.b.address, "x", "").rstrip(b"\r\n") + b"\r\n\r\n"
        with kimtest.smtps(account) as smtp:
            code, text = raw_data(smtp, self.a.address, [self.b.address], head + self.INJECTION)
            self.assertEqual(554, code, text)
            self.assertTrue(text.startswith(b"5.6.0"), text)
            smtp.rset()  # the library keeps the refused transaction's sender (as after a 552)
            code, text = raw_data(smtp, self.a.address, [self.b.address], head + b"Zeile\rmit CR\r\n")
            self.assertEqual(554, code, "bare CR: " + text.decode())
            self.assertEqual(250, smtp.noop()[0])
        self.assertEqual([], kimtest.mailbox(kimtest.Account(self.b.address, self.b.password)))

    def test_bare_lf_through_the_client_module_reaches_pop3_as_crlf_and_dot_stuffed(self):
        # the client module encrypts what the practice sent, bare LF included; B's client module
        # decrypts it and must not hand it out unnormalised
        empty_fachdienst_mailbox(self.b)
        head = kimtest.message(self.a.address, self.b.address, "x", "", "text/plain").rstrip(b"\r\n") + b"\r\n\r\n"
        with self.a.client_module_smtp() as smtp:
            code, text = raw_data(smtp, self.a.address, [self.b.address], head + self.INJECTION)
            self.assertEqual(250, code, text)
        pop = self.b.client_module_pop3()
        lines = pop.retr(1)[1]
        self.assertIn(b"Zeile", lines)
        self.assertIn(b".", lines, "the dot line arrives as content")
        self.assertIn(b"+OK eingeschleust", lines)
        self.assertIn(b"mehr Text", lines)
        # still in step: the next answer is the answer to the next command
        self.assertEqual(1, pop.stat()[0])
        listed = int(pop.list(1).split()[2])
        self.assertEqual(len(b"\r\n".join(lines) + b"\r\n"), listed, "LIST says what RETR sends")
        pop.quit()
        empty_fachdienst_mailbox(self.b)


class SourcedPop3(poplib.POP3_SSL):
    """POP3S from a given local address (poplib has no source_address)."""

    def __init__(self, source, *args, **kwargs):
        self.source = source
        super().__init__(*args, **kwargs)

    def _create_socket(self, timeout):
        sock = socket.create_connection((self.host, self.port), timeout, source_address=(self.source, 0))
        return self.context.wrap_socket(sock, server_hostname=self.host)


def smtps_from(source):
    client = smtplib.SMTP_SSL(HOST, kimtest.SMTPS_PORT, context=kimtest.tls(), timeout=120,
                              source_address=(source, 0))
    client.ehlo("client.test")
    return client


class LoginLimitTest(unittest.TestCase):
    """Finding 4: wrong passwords limit that account from that address only; unknown accounts
    cost a password hash too."""

    def test_wrong_passwords_from_one_address_do_not_lock_out_another(self):
        victim = kimtest.new_account("opfer", DOMAIN_B)
        for _ in range(6):
            with smtps_from("127.0.0.2") as smtp:
                with self.assertRaises(smtplib.SMTPAuthenticationError):
                    smtp.login(victim.address, "falsches-passwort")
        # the guesser's address is limited, even with the right password
        with smtps_from("127.0.0.2") as smtp:
            with self.assertRaises(smtplib.SMTPAuthenticationError):
                smtp.login(victim.address, victim.password)
        # the practice's own address is not
        with smtps_from("127.0.0.1") as smtp:
            smtp.login(victim.address, victim.password)
        pop = SourcedPop3("127.0.0.1", HOST, kimtest.POP3S_PORT, context=kimtest.tls(), timeout=60)
        pop.user(victim.address)
        pop.pass_(victim.password)
        pop.quit()

    def test_unknown_and_known_accounts_take_comparable_time(self):
        known = kimtest.new_account("bekannt", DOMAIN_B)

        # smtplib tries PLAIN and then LOGIN: two failures a call, so each call from its own
        # address, or the limit would answer the later ones without hashing
        sources = iter(f"127.0.0.{n}" for n in range(10, 30))

        def login_ms(address):
            with smtps_from(next(sources)) as smtp:
                start = time.perf_counter()
                with self.assertRaises(smtplib.SMTPAuthenticationError):
                    smtp.login(address, "falsches-passwort")
                return (time.perf_counter() - start) * 1000

        known_ms = [login_ms(known.address) for _ in range(4)]
        unknown_ms = [login_ms(f"niemand-{n}-{os.getpid()}-{time.time_ns()}@{DOMAIN_B}") for n in range(4)]
        print(f"\nSMTP AUTH wrong password, median ms: known account {statistics.median(known_ms):.1f}"
              f" {[round(x) for x in known_ms]}, unknown account {statistics.median(unknown_ms):.1f}"
              f" {[round(x) for x in unknown_ms]}")
        # generous: the unknown account must cost a hash too (before: 4 ms against 150-290 ms)
        self.assertGreater(statistics.median(unknown_ms), 0.3 * statistics.median(known_ms))


def handshake(port, *arguments):
    """openssl s_client against the listener; (succeeded, output)."""
    result = subprocess.run(
        ["openssl", "s_client", "-connect", f"{HOST}:{port}", "-servername", "localhost", *arguments],
        input=b"", capture_output=True, timeout=60,
    )
    output = (result.stdout + result.stderr).decode(errors="replace")
    established = result.returncode == 0 and "Cipher is (NONE)" not in output and "New, " in output
    return established, output


class TlsSuitesTest(unittest.TestCase):
    """Finding 6: BSI TR-02102-2 suites only on SMTPS (465) and POP3S (995)."""

    def check(self, port):
        for weak in ("AES256-SHA", "ECDHE-RSA-AES256-SHA", "ECDHE-ECDSA-AES256-SHA"):
            established, output = handshake(port, "-tls1_2", "-cipher", weak + ":@SECLEVEL=0")
            self.assertFalse(established, f"{weak} on {port}: {output[-600:]}")
        established, output = handshake(port, "-tls1_1", "-cipher", "DEFAULT:@SECLEVEL=0")
        self.assertFalse(established, f"TLS 1.1 on {port}: {output[-600:]}")
        established, output = handshake(
            port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384")
        self.assertTrue(established, f"ECDHE-GCM on {port}: {output[-600:]}")
        self.assertRegex(output, r"Cipher is ECDHE-(ECDSA|RSA)-AES256-GCM-SHA384")
        established, output = handshake(port, "-tls1_3")
        self.assertTrue(established, f"TLS 1.3 on {port}: {output[-600:]}")
        self.assertIn("TLSv1.3", output)

    def test_smtps_465_offers_only_ecdhe_gcm_and_tls_1_3(self):
        self.check(kimtest.SMTPS_PORT)

    def test_pop3s_995_offers_only_ecdhe_gcm_and_tls_1_3(self):
        self.check(kimtest.POP3S_PORT)


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fixtures")
DOMAIN_WRONG_NAME = "falschername.kim.test"  # routed to 127.0.0.2:<SMTPS port>: this server, whose
# certificate names localhost, not 127.0.0.2


def as_peer_fachdienst():
    """SMTPS with the client certificate of another Fachdienst the test server trusts
    (kim.relay.peer-trust) whose certificate names peer.kim.test (mapped to partner.kim.test)."""
    context = kimtest.tls()
    context.load_cert_chain(
        os.path.join(FIXTURES, "peer-fachdienst.crt.pem"), os.path.join(FIXTURES, "peer-fachdienst.key.pem"))
    client = smtplib.SMTP_SSL(HOST, kimtest.SMTPS_PORT, context=context, timeout=120)
    client.ehlo("peer.kim.test")
    return client


class RelayPeerTest(unittest.TestCase):
    """Finding 5: a relaying Fachdienst sends only as the domains its certificate names (or the
    mapping gives it), never as ours; outbound relay checks the peer's host name."""

    def test_peer_cannot_send_as_this_fachdienst_or_a_domain_its_certificate_does_not_name(self):
        with as_peer_fachdienst() as smtp:
            code, text = smtp.mail(f"praxis@{DOMAIN_A}")
            self.assertEqual(550, code, text)
            self.assertTrue(text.startswith(b"5.7.1"), text)
            smtp.rset()
            code, text = smtp.mail("jemand@anderswo.kim.test")
            self.assertEqual(550, code, text)
            self.assertTrue(text.startswith(b"5.7.1"), text)

    def test_peer_sends_as_its_certificates_domain_and_the_mapped_one(self):
        b = kimtest.new_account("klinik", DOMAIN_B)
        for sender in ("arzt@peer.kim.test", "arzt@partner.kim.test"):
            with as_peer_fachdienst() as smtp:
                sent = kimtest.message(sender, b.address, "vom Partner", "x")
                self.assertEqual({}, smtp.sendmail(sender, [b.address], sent))
        self.assertEqual(2, len(kimtest.mailbox(b)))

    def test_outbound_relay_refuses_a_peer_whose_certificate_does_not_name_the_route_host(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        target = kimtest.new_account("ziel", DOMAIN_WRONG_NAME)
        sent = kimtest.message(a.address, target.address, "falscher Name", "x")
        with kimtest.smtps(a) as smtp:
            self.assertEqual({}, smtp.sendmail(a.address, [target.address], sent))
        # the relay job runs every 10 s: without the host name check it arrives within seconds
        time.sleep(35)
        self.assertEqual([], kimtest.mailbox(target), "not delivered through a misnamed peer")
