"""The KIM Fachdienst's SMTP and POP3 listeners, driven by Python's stock smtplib and poplib."""

import poplib
import smtplib
import socket
import time
import unittest

import kimtest
from kimtest import DOMAIN_A, DOMAIN_B


def raw_tls(port):
    """A TLS socket for speaking the protocol by hand (pipelining, overlong lines)."""
    sock = socket.create_connection((kimtest.HOST, port), timeout=60)
    return kimtest.tls().wrap_socket(sock, server_hostname="localhost")


def read_replies(sock, count):
    """Reads until `count` complete SMTP replies (last line 'NNN ') have arrived."""
    data = b""
    replies = []
    while len(replies) < count:
        chunk = sock.recv(65536)
        if not chunk:
            break
        data += chunk
        while b"\r\n" in data:
            line, data = data.split(b"\r\n", 1)
            if len(line) >= 4 and line[3:4] == b" ":
                replies.append(line.decode())
    return replies


class DeliveryTest(unittest.TestCase):
    def test_message_from_a_reaches_b_byte_for_byte_and_dele_quit_removes_it(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        sent = kimtest.message(a.address, b.address, "Befund", "Der Befund liegt bei.\r\n..eine Zeile mit Punkt")
        with kimtest.smtps(a) as smtp:
            refused = smtp.sendmail(a.address, [b.address], sent)
            self.assertEqual({}, refused)

        pop = kimtest.pop3s(b)
        capabilities = pop.capa()
        for capability in ("TOP", "UIDL", "USER"):
            self.assertIn(capability, capabilities)
        count, octets = pop.stat()
        self.assertEqual(1, count)
        stored = b"\r\n".join(pop.retr(1)[1]) + b"\r\n"
        self.assertEqual(sent, kimtest.without_trace(stored))
        self.assertIn(f"for <{b.address}>".encode(), stored.split(b"\r\n\r\n")[0])
        self.assertEqual(len(stored), octets, "STAT counts the exact octets of the stored message")
        listing = pop.list()[1]
        self.assertEqual([f"1 {len(stored)}".encode()], listing)
        uid = pop.uidl(1).decode().split()[2]
        self.assertRegex(uid, r"^[\x21-\x7e]{1,70}$")
        top = pop.top(1, 0)[1]
        self.assertIn(b"Subject: Befund", top)
        self.assertNotIn(b"Der Befund liegt bei.", top, "TOP 1 0 returns the header only")
        pop.dele(1)
        self.assertEqual(0, pop.stat()[0], "a deleted message no longer counts")
        pop.rset()
        self.assertEqual(1, pop.stat()[0], "RSET undeletes")
        pop.dele(1)
        pop.noop()
        pop.quit()

        pop = kimtest.pop3s(b)
        self.assertEqual(0, pop.stat()[0], "DELE + QUIT removed the message")
        pop.quit()

    def test_dele_without_quit_keeps_the_message(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        with kimtest.smtps(a) as smtp:
            smtp.sendmail(a.address, [b.address], kimtest.message(a.address, b.address, "x", "kept"))
        pop = kimtest.pop3s(b)
        pop.dele(1)
        pop.close()  # connection lost before QUIT: RFC 1939 says nothing is deleted
        pop = kimtest.pop3s_when_free(b)  # the server frees the maildrop lock as it sees the close
        self.assertEqual(1, pop.stat()[0])
        pop.quit()

    def test_one_message_to_several_recipients_reaches_each(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b1 = kimtest.new_account("klinik", DOMAIN_B)
        b2 = kimtest.new_account("labor", DOMAIN_B)
        sent = kimtest.message(a.address, b1.address, "an zwei", "zwei Empfaenger")
        with kimtest.smtps(a) as smtp:
            self.assertEqual({}, smtp.sendmail(a.address, [b1.address, b2.address], sent))
        for b in (b1, b2):
            self.assertEqual([sent], kimtest.received(b))
        # deleting one copy leaves the other intact
        pop = kimtest.pop3s(b1)
        pop.dele(1)
        pop.quit()
        self.assertEqual([], kimtest.mailbox(b1))
        self.assertEqual([sent], kimtest.received(b2))

    def test_submission_port_requires_starttls_before_auth(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        smtp = smtplib.SMTP(kimtest.HOST, kimtest.SUBMISSION_PORT, timeout=60)
        smtp.ehlo("client.test")
        self.assertTrue(smtp.has_extn("starttls"))
        code, _ = smtp.docmd("AUTH", "PLAIN AGZvbwBiYXI=")
        self.assertEqual(530, code, "no AUTH in clear text")
        smtp.starttls(context=kimtest.tls())
        smtp.ehlo("client.test")
        smtp.login(a.address, a.password)
        sent = kimtest.message(a.address, b.address, "submission", "via 587")
        self.assertEqual({}, smtp.sendmail(a.address, [b.address], sent))
        smtp.quit()
        self.assertEqual([sent], kimtest.received(b))


class MaildropLockTest(unittest.TestCase):
    """RFC 1939 §8: one session per maildrop, cluster-wide (a lease row in the database)."""

    def setUp(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        self.b = kimtest.new_account("klinik", DOMAIN_B)
        with kimtest.smtps(a) as smtp:
            smtp.sendmail(a.address, [self.b.address], kimtest.message(a.address, self.b.address, "x", "y"))

    def assert_in_use(self, account):
        with self.assertRaises(poplib.error_proto) as refused:
            kimtest.pop3s_login(account)
        self.assertTrue(refused.exception.args[0].startswith(b"-ERR [IN-USE] "), refused.exception.args)

    def test_second_session_gets_in_use_until_the_first_quits(self):
        first = kimtest.pop3s(self.b)
        self.assertIn("RESP-CODES", first.capa(), "RFC 2449: response codes are announced")
        second = kimtest.pop3s()
        self.assertIn("RESP-CODES", second.capa(), "and before login, where PASS answers [IN-USE]")
        second.user(self.b.address)
        with self.assertRaises(poplib.error_proto) as refused:
            second.pass_(self.b.password)
        self.assertTrue(refused.exception.args[0].startswith(b"-ERR [IN-USE] "), refused.exception.args)
        self.assertEqual(1, first.stat()[0], "the first session goes on undisturbed")
        first.dele(1)
        first.quit()
        # the refused connection may try again once the lock is free
        second.user(self.b.address)
        second.pass_(self.b.password)
        self.assertEqual(0, second.stat()[0], "the first session's QUIT deleted")
        second.quit()

    def test_dropped_connection_frees_the_lock_and_its_dele_marks_are_void(self):
        first = kimtest.pop3s(self.b)
        first.dele(1)
        self.assert_in_use(self.b)
        first.close()  # the connection ends without QUIT (sock.close() alone would leave it open)
        started = time.monotonic()
        second = kimtest.pop3s_when_free(self.b)
        self.assertLess(time.monotonic() - started, 10, "freed at the close, not at lease expiry")
        self.assertEqual(1, second.stat()[0], "no UPDATE state without QUIT")
        second.quit()

    def test_expired_lease_is_taken_over_and_the_old_session_deletes_nothing(self):
        # a session whose lease is not renewed, as if its node had died: the server's clock moves past
        # the lease (idle timeout 600 s + 60 s) while the session sends nothing
        first = kimtest.pop3s(self.b)
        first.dele(1)
        self.assert_in_use(self.b)
        moved = 0
        try:
            kimtest.move_clock(12 * 60 * 1000)
            moved += 12 * 60 * 1000
            second = kimtest.pop3s_login(self.b)  # takes the expired lease over
            # the old session's QUIT must not apply its DELE: it no longer holds the lock
            with self.assertRaises(poplib.error_proto):
                first.quit()
            self.assertEqual(1, second.stat()[0])
            # a session that lost its lock is ended at its next command
            kimtest.move_clock(12 * 60 * 1000)
            moved += 12 * 60 * 1000
            third = kimtest.pop3s_login(self.b)
            with self.assertRaises(poplib.error_proto) as lost:
                second.noop()
            self.assertTrue(lost.exception.args[0].startswith(b"-ERR [IN-USE] "), lost.exception.args)
            self.assertEqual(1, third.stat()[0])
            third.quit()
        finally:
            kimtest.move_clock(-moved)
        kimtest.pop3s_when_free(self.b).quit()


class RulesTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = kimtest.new_account("praxis", DOMAIN_A)
        cls.b = kimtest.new_account("klinik", DOMAIN_B)

    def test_mail_without_auth_is_refused(self):
        with kimtest.smtps() as smtp:
            code, text = smtp.mail(self.a.address)
            self.assertEqual(530, code, text)

    def test_recipient_outside_kim_is_refused_with_a_clear_error(self):
        with kimtest.smtps(self.a) as smtp:
            smtp.mail(self.a.address)
            code, text = smtp.rcpt("someone@gmail.com")
            self.assertEqual(550, code)
            self.assertIn(b"5.1.2", text)
            self.assertIn(b"not a KIM domain", text)

    def test_unknown_kim_address_is_refused(self):
        with kimtest.smtps(self.a) as smtp:
            smtp.mail(self.a.address)
            code, text = smtp.rcpt(f"nobody@{DOMAIN_B}")
            self.assertEqual(550, code)
            self.assertIn(b"5.1.1", text)

    def test_sending_as_someone_else_is_refused(self):
        with kimtest.smtps(self.a) as smtp:
            code, text = smtp.mail(self.b.address)
            self.assertEqual(553, code, text)

    def test_bad_address_syntax_is_refused(self):
        with kimtest.smtps(self.a) as smtp:
            smtp.mail(self.a.address)
            code, _ = smtp.rcpt("not an address")
            self.assertIn(code, (501, 553))

    def test_locked_account_cannot_log_in_and_receives_nothing(self):
        c = kimtest.new_account("gesperrt", DOMAIN_B)
        kimtest.set_state(c, "LOCKED")
        with self.assertRaises(smtplib.SMTPAuthenticationError):
            kimtest.smtps(c)
        with kimtest.smtps(self.a) as smtp:
            smtp.mail(self.a.address)
            code, text = smtp.rcpt(c.address)
            self.assertEqual(550, code)
            self.assertIn(b"5.2.1", text)
        kimtest.set_state(c, "ACTIVE")
        kimtest.smtps(c).quit()

    def test_deregistered_account_cannot_send_or_receive_but_fetches_what_it_has(self):
        c = kimtest.new_account("abgemeldet", DOMAIN_B)
        kept = kimtest.message(self.a.address, c.address, "vorher", "vor der Abmeldung")
        with kimtest.smtps(self.a) as smtp:
            smtp.sendmail(self.a.address, [c.address], kept)
        kimtest.set_state(c, "DEREGISTERED")
        with kimtest.smtps(c) as smtp:
            code, text = smtp.mail(c.address)
            self.assertEqual(550, code)
            self.assertIn(b"deregistered", text)
        with kimtest.smtps(self.a) as smtp:
            smtp.mail(self.a.address)
            self.assertEqual(550, smtp.rcpt(c.address)[0])
        self.assertEqual([kept], kimtest.received(c))


class SizeLimitTest(unittest.TestCase):
    """The wire limit is the size of a 25 MiB plaintext message signed, encrypted and base64-encoded."""

    @classmethod
    def setUpClass(cls):
        cls.a = kimtest.new_account("praxis", DOMAIN_A)
        cls.b = kimtest.new_account("klinik", DOMAIN_B)
        with kimtest.smtps() as smtp:
            cls.limit = int(smtp.esmtp_features["size"])

    def test_limit_is_the_wire_size_of_25_mib_net(self):
        self.assertGreater(self.limit, 25 * 1024 * 1024 * 4 // 3)

    def test_message_of_exactly_the_limit_is_accepted_and_retrieved_whole(self):
        data = kimtest.message_of_size(self.a.address, self.b.address, self.limit)
        with kimtest.smtps(self.a) as smtp:
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], data))
        pop = kimtest.pop3s(self.b)
        count, octets = pop.stat()
        self.assertEqual(1, count)
        stored = b"\r\n".join(pop.retr(1)[1]) + b"\r\n"
        self.assertEqual(len(stored), octets)
        self.assertEqual(data, kimtest.without_trace(stored), "the limit counts what the sender sent")
        pop.dele(1)
        pop.quit()

    def test_one_byte_more_declared_with_size_is_refused_with_552(self):
        data = kimtest.message_of_size(self.a.address, self.b.address, self.limit + 1)
        with kimtest.smtps(self.a) as smtp:
            with self.assertRaises(smtplib.SMTPSenderRefused) as refused:
                smtp.sendmail(self.a.address, [self.b.address], data)
            self.assertEqual(552, refused.exception.smtp_code)

    def test_one_byte_more_without_size_is_refused_with_552_after_data_and_session_goes_on(self):
        data = kimtest.message_of_size(self.a.address, self.b.address, self.limit + 1)
        with kimtest.smtps(self.a) as smtp:
            smtp.mail(self.a.address)  # no SIZE parameter: the server finds out while reading DATA
            smtp.rcpt(self.b.address)
            code, text = smtp.data(data)
            self.assertEqual(552, code)
            self.assertIn(b"5.3.4", text)
            smtp.rset()
            small = kimtest.message(self.a.address, self.b.address, "danach", "klein")
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], small))
        self.assertEqual([small], kimtest.received(self.b))


class BadInputTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = kimtest.new_account("praxis", DOMAIN_A)
        cls.b = kimtest.new_account("klinik", DOMAIN_B)

    def test_repeated_wrong_passwords_are_rate_limited_on_smtp_and_pop3(self):
        c = kimtest.new_account("ziel", DOMAIN_B)
        for _ in range(5):
            with kimtest.smtps() as smtp:
                with self.assertRaises(smtplib.SMTPAuthenticationError):
                    smtp.login(c.address, "wrong-password")
        # the bucket is empty now: even the right password is refused for a while, on both protocols
        with kimtest.smtps() as smtp:
            with self.assertRaises(smtplib.SMTPAuthenticationError):
                smtp.login(c.address, c.password)
        pop = kimtest.pop3s()
        pop.user(c.address)
        with self.assertRaises(poplib.error_proto):
            pop.pass_(c.password)
        pop.quit()
        # other accounts are not affected (another address of the same account: security_test)
        kimtest.smtps(self.a).quit()

    def test_broken_mime_and_bad_base64_are_stored_and_delivered_unchanged(self):
        # the Fachdienst carries encrypted messages it cannot read: it must not judge or alter MIME
        broken = (
            f"From: {self.a.address}\r\nTo: {self.b.address}\r\nSubject: kaputt\r\n"
            # S/MIME-typed (accounts send nothing else), with a body that is no base64 and no CMS
            'MIME-Version: 1.0\r\nContent-Type: application/pkcs7-mime; smime-type=enveloped-data\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\n"
            "--nie-geschlossen\r\n@@@ das ist kein base64 !!!===\r\n"
        ).encode()
        with kimtest.smtps(self.a) as smtp:
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], broken))
        received = kimtest.received(self.b)
        self.assertIn(broken, received)
        pop = kimtest.pop3s(self.b)
        for number in range(1, pop.stat()[0] + 1):
            pop.dele(number)
        pop.quit()

    def test_overlong_smtp_command_line_gets_an_error_and_the_server_stays_up(self):
        sock = raw_tls(kimtest.SMTPS_PORT)
        self.assertTrue(read_replies(sock, 1)[0].startswith("220"))
        sock.sendall(b"EHLO " + b"x" * 100_000 + b"\r\n")
        replies = read_replies(sock, 1)
        self.assertTrue(not replies or replies[0][0] == "5", replies)
        sock.close()
        kimtest.smtps(self.a).quit()

    def test_pipelined_command_flood_is_answered_in_order(self):
        sock = raw_tls(kimtest.SMTPS_PORT)
        read_replies(sock, 1)
        sock.sendall(b"EHLO client.test\r\n" + b"NOOP\r\n" * 500 + b"MAIL FROM:<x@y.test>\r\nQUIT\r\n")
        replies = read_replies(sock, 503)
        self.assertEqual(503, len(replies))
        self.assertTrue(all(r.startswith("250") for r in replies[1:501]), replies[1:501][:3])
        self.assertTrue(replies[501].startswith("530"), replies[501])
        self.assertTrue(replies[502].startswith("221"), replies[502])
        sock.close()

    def test_pop3_protocol_errors_are_err_replies(self):
        pop = kimtest.pop3s()
        with self.assertRaises(poplib.error_proto):
            pop.stat()  # not logged in
        with self.assertRaises(poplib.error_proto):
            pop._shortcmd("FROBNICATE")
        pop.quit()
        pop = kimtest.pop3s(self.b)
        with self.assertRaises(poplib.error_proto):
            pop.retr(999)
        with self.assertRaisesRegex(poplib.error_proto, "numbered from 1"):
            pop.dele(0)
        with self.assertRaisesRegex(poplib.error_proto, "numbered from 1"):
            pop.retr(0)
        with self.assertRaises(poplib.error_proto):
            pop._shortcmd("TOP abc def")
        pop.quit()

    def test_overlong_pop3_line_does_not_crash_the_listener(self):
        sock = raw_tls(kimtest.POP3S_PORT)
        self.assertTrue(sock.recv(1024).startswith(b"+OK"))
        sock.sendall(b"USER " + b"x" * 100_000 + b"\r\n")
        try:
            reply = sock.recv(1024)
            self.assertTrue(reply == b"" or reply.startswith(b"-ERR"), reply)
        except (ConnectionError, OSError):
            pass  # dropping such a client is a fine answer too
        sock.close()
        kimtest.pop3s(self.b).quit()


if __name__ == "__main__":
    unittest.main()
