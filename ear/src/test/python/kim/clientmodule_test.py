"""Practice A sends to hospital B through their client modules: signed and encrypted through the
Konnektor, stored encrypted at the Fachdienst, delivered to B as verified plaintext. Stock clients
only: smtplib and poplib for the practice software, the openssl command line for the check."""

import os
import poplib
import smtplib
import tempfile
import unittest

import kimtest
from kimtest import DOMAIN_A, DOMAIN_B, Practice

PRAXIS_OID = "1.2.276.0.76.4.50"
KRANKENHAUS_OID = "1.2.276.0.76.4.53"


def letter(sender, recipient, subject, text):
    return kimtest.message(sender, recipient, subject, text, "text/plain; charset=utf-8")


class ClientModuleTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = Practice("Praxis", DOMAIN_A, PRAXIS_OID)
        cls.b = Practice("Klinik", DOMAIN_B, KRANKENHAUS_OID)

    def fachdienst_raw(self, practice):
        """The messages as the Fachdienst stores them, read over its POP3S, left in place."""
        return [body for _, body in kimtest.mailbox(kimtest.Account(practice.address, practice.password))]

    def empty_fachdienst_mailbox(self, practice):
        pop = kimtest.pop3s(kimtest.Account(practice.address, practice.password))
        for number in range(1, pop.stat()[0] + 1):
            pop.dele(number)
        pop.quit()

    def test_a_to_b_is_encrypted_at_the_fachdienst_and_plaintext_with_valid_signature_at_b(self):
        self.empty_fachdienst_mailbox(self.b)
        secret = "Befund: Patientin Erika Musterfrau, Blutbild unauffaellig."
        sent = letter(self.a.address, self.b.address, "Arztbrief Musterfrau", secret)
        with self.a.client_module_smtp() as smtp:
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], sent))

        # at the Fachdienst: S/MIME only, no plaintext, the routing and KIM headers outside
        [raw] = self.fachdienst_raw(self.b)
        self.assertNotIn(b"Musterfrau", raw)
        self.assertNotIn(b"Blutbild", raw)
        # KIM 1.5: AuthEnvelopedData (RFC 5083) with AES-256-GCM (RFC 5084), RFC 8551's smime-type
        self.assertIn(b"application/pkcs7-mime; smime-type=authEnveloped-data", raw)
        self.assertIn(b"Subject: KOM-LE-Nachricht", raw)
        self.assertIn(b"X-KIM-Dienstkennung: KIM-Mail;Default;V1.0", raw)
        self.assertIn(b"X-KIM-Sendersystem: ", raw)
        self.assertIn(f"To: {self.b.address}".encode(), raw)

        # OpenSSL, which shares no code with TIM-KIM, decrypts it with B's key and verifies A's
        # signature against the test TI's root
        with tempfile.TemporaryDirectory() as work:
            key, certificate = self.b.encryption_key_and_certificate(work)
            raw_file = os.path.join(work, "raw.eml")
            inner_file = os.path.join(work, "inner.eml")
            plain_file = os.path.join(work, "plain.eml")
            with open(raw_file, "wb") as f:
                f.write(raw)
            structure = kimtest.openssl("cms", "-cmsout", "-print", "-in", raw_file).decode()
            self.assertIn("contentType: id-smime-ct-authEnvelopedData", structure)
            self.assertIn("algorithm: aes-256-gcm", structure)
            self.assertRegex(structure, r"l=\s*12 prim:\s+OCTET STRING", "12-byte GCM nonce")
            self.assertRegex(structure, r"INTEGER\s+:10\b", "16-byte (0x10) GCM tag")
            kimtest.openssl("cms", "-decrypt", "-in", raw_file, "-inkey", key, "-recip", certificate, "-out", inner_file)
            with open(inner_file, "rb") as f:
                inner = f.read()
            self.assertIn(b"smime-type=signed-data", inner)
            kimtest.openssl("cms", "-verify", "-in", inner_file, "-binary", "-CAfile", kimtest.test_root_ca(), "-out", plain_file)
            with open(plain_file, "rb") as f:
                self.assertEqual(sent, f.read())

        # B's practice software gets plaintext and the client module's verdict
        pop = self.b.client_module_pop3()
        self.assertEqual(1, pop.stat()[0])
        uid_at_client_module = pop.uidl(1).split()[2]
        self.assertRegex(uid_at_client_module, rb"^[\x21-\x7e]{1,70}$")
        lines = pop.retr(1)[1]
        received = b"\r\n".join(lines) + b"\r\n"
        self.assertIn(b"X-KIM-DecryptionResult: decrypted", received)
        self.assertRegex(received, rb"X-KIM-IntegrityCheckResult: valid")
        self.assertTrue(received.endswith(sent), received[:400])
        listed = int(pop.list(1).split()[2])
        self.assertEqual(len(received), listed, "LIST reports the size RETR delivers")
        pop.dele(1)
        pop.quit()
        self.assertEqual([], self.fachdienst_raw(self.b), "DELE + QUIT reached the Fachdienst")

    def test_sender_can_read_its_own_sent_message(self):
        # encrypted for the sender too: A's key opens what A sent to B
        self.empty_fachdienst_mailbox(self.b)
        sent = letter(self.a.address, self.b.address, "Kopie", "fuer beide lesbar")
        with self.a.client_module_smtp() as smtp:
            smtp.sendmail(self.a.address, [self.b.address], sent)
        [raw] = self.fachdienst_raw(self.b)
        with tempfile.TemporaryDirectory() as work:
            key, certificate = self.a.encryption_key_and_certificate(work)
            raw_file = os.path.join(work, "raw.eml")
            with open(raw_file, "wb") as f:
                f.write(raw)
            kimtest.openssl("cms", "-decrypt", "-in", raw_file, "-inkey", key, "-recip", certificate, "-out", os.path.join(work, "inner.eml"))
        self.empty_fachdienst_mailbox(self.b)

    def test_recipient_without_directory_entry_is_refused_at_rcpt(self):
        with self.a.client_module_smtp() as smtp:
            smtp.mail(self.a.address)
            code, text = smtp.rcpt(f"unbekannt@{DOMAIN_B}")
            self.assertEqual(550, code)
            self.assertIn(b"encryption certificate", text)

    def test_wrong_password_or_user_name_form_fails_auth(self):
        smtp = smtplib.SMTP(kimtest.HOST, kimtest.CLIENT_MODULE_SMTP_PORT, timeout=60)
        smtp.ehlo("pvs.test")
        with self.assertRaises(smtplib.SMTPAuthenticationError):
            smtp.login(self.a.address, self.a.password)  # plain address: not the KIM form
        smtp.quit()
        pop = poplib.POP3(kimtest.HOST, kimtest.CLIENT_MODULE_POP3_PORT, timeout=60)
        with self.assertRaises(poplib.error_proto):
            pop.user(self.b.address)
        pop.quit()

    def test_mailbox_in_use_at_the_fachdienst_is_passed_on_as_in_use(self):
        direct = kimtest.pop3s(kimtest.Account(self.b.address, self.b.password))
        try:
            pop = poplib.POP3(kimtest.HOST, kimtest.CLIENT_MODULE_POP3_PORT, timeout=60)
            # RFC 2449 §6.4, §8: "[IN-USE]" is a response code only where CAPA lists RESP-CODES,
            # and it answers PASS, so it must be listed before login
            self.assertIn("RESP-CODES", pop.capa())
            pop.user(self.b.pop3_user())
            with self.assertRaises(poplib.error_proto) as refused:
                pop.pass_(self.b.password)
            self.assertTrue(refused.exception.args[0].startswith(b"-ERR [IN-USE] "), refused.exception.args)
            pop.quit()
        finally:
            direct.quit()
        # a practice connection dropped without QUIT ends its Fachdienst session, lock and all
        pop = self.b.client_module_pop3()
        self.assertIn("RESP-CODES", pop.capa(), "RFC 2449 §5: announced in both states")
        pop.close()  # closes the socket without QUIT (sock.close() alone leaves it open)
        kimtest.pop3s_when_free(kimtest.Account(self.b.address, self.b.password), seconds=20).quit()

    def test_undecryptable_and_unsigned_messages_are_delivered_with_a_warning_never_dropped(self):
        self.empty_fachdienst_mailbox(self.b)
        sender = kimtest.Account(self.a.address, self.a.password)
        broken = (
            f"From: {self.a.address}\r\nTo: {self.b.address}\r\nSubject: KOM-LE-Nachricht\r\n"
            "MIME-Version: 1.0\r\n"
            'Content-Type: application/pkcs7-mime; smime-type=enveloped-data; name="smime.p7m"\r\n'
            "Content-Transfer-Encoding: base64\r\n\r\nTUlJQ0lqQU5CZ2txaGtpRzl3MEJBUUVGQUFPQ0FnOEFNSUlDQ2dLQ0FnRUF1\r\n"
        ).encode()
        # an account may send plaintext no more (it gets 554 5.7.1); a report is unencrypted by design
        plain = (
            f"From: {self.a.address}\r\nTo: {self.b.address}\r\nSubject: Gelesen\r\nMIME-Version: 1.0\r\n"
            'Content-Type: multipart/report; report-type=disposition-notification; boundary="r"\r\n\r\n'
            "--r\r\nContent-Type: text/plain\r\n\r\nohne S/MIME\r\n--r--\r\n"
        ).encode()
        with kimtest.smtps(sender) as smtp:  # straight to the Fachdienst, past any client module
            smtp.sendmail(self.a.address, [self.b.address], broken)
            smtp.sendmail(self.a.address, [self.b.address], plain)
        pop = self.b.client_module_pop3()
        self.assertEqual(2, pop.stat()[0])
        first = b"\r\n".join(pop.retr(1)[1])
        second = b"\r\n".join(pop.retr(2)[1])
        self.assertIn(b"X-KIM-DecryptionResult: failed", first)
        self.assertIn(b"X-KIM-Fehlermeldung:", first)
        self.assertIn(b"X-KIM-DecryptionResult: not encrypted", second)
        self.assertIn(b"X-KIM-IntegrityCheckResult: not signed", second)
        self.assertIn(b"ohne S/MIME", second)
        pop.quit()
        self.empty_fachdienst_mailbox(self.b)

    def test_ecc_encryption_keys_get_ecdh_key_agreement_and_open_the_message(self):
        # the test SMC-Bs carry brainpoolP256r1 C.HCI.ENC keys beside the RSA ones; the directory
        # lists both, so the message has an RSA-OAEP and an ECDH (RFC 5753) recipient info per card
        self.empty_fachdienst_mailbox(self.b)
        sent = letter(self.a.address, self.b.address, "ECC", "Befund fuer den ECC-Schluessel")
        with self.a.client_module_smtp() as smtp:
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], sent))
        [raw] = self.fachdienst_raw(self.b)
        self.empty_fachdienst_mailbox(self.b)
        with tempfile.TemporaryDirectory() as work:
            key, certificate = self.b.encryption_key_and_certificate(work, "ECC")
            raw_file = os.path.join(work, "raw.eml")
            inner_file = os.path.join(work, "inner.eml")
            plain_file = os.path.join(work, "plain.eml")
            with open(raw_file, "wb") as f:
                f.write(raw)
            structure = kimtest.openssl("cms", "-cmsout", "-print", "-in", raw_file).decode()
            self.assertEqual(2, structure.count("d.ktri:"), "RSA-OAEP for A and B")
            self.assertEqual(2, structure.count("d.kari:"), "ECDH for A and B")
            self.assertIn("dhSinglePass-stdDH-sha256kdf-scheme", structure)
            kimtest.openssl("cms", "-decrypt", "-in", raw_file, "-inkey", key, "-recip", certificate, "-out", inner_file)
            kimtest.openssl("cms", "-verify", "-in", inner_file, "-binary", "-CAfile", kimtest.test_root_ca(), "-out", plain_file)
            with open(plain_file, "rb") as f:
                self.assertEqual(sent, f.read())

            # a sender that encrypts for B's ECC key only (OpenSSL, GCM): B's client module opens it
            # with the card's ECC key
            only_ecc = letter(self.a.address, self.b.address, "nur ECC", "nur fuer den ECC-Schluessel")
            signer_key, signer, chain = self.a.signing_key_certificate_and_chain(work)
            with open(plain_file, "wb") as f:
                f.write(only_ecc)
            signed_file = os.path.join(work, "signed.p7m")
            enveloped_file = os.path.join(work, "enveloped.p7m")
            kimtest.openssl(
                "cms", "-sign", "-nodetach", "-binary", "-md", "sha256", "-in", plain_file,
                "-signer", signer, "-inkey", signer_key, "-certfile", chain,
                "-outform", "DER", "-out", signed_file)
            with open(signed_file, "rb") as f:
                inner = kimtest.pkcs7_entity("signed-data", f.read())
            with open(inner_file, "wb") as f:
                f.write(inner)
            kimtest.openssl(
                "cms", "-encrypt", "-binary", "-aes-256-gcm", "-in", inner_file, "-outform", "DER",
                "-out", enveloped_file, "-recip", certificate, "-keyopt", "ecdh_kdf_md:sha256")
            with open(enveloped_file, "rb") as f:
                outer = kimtest.pkcs7_entity(
                    "authEnveloped-data", f.read(),
                    f"From: {self.a.address}\r\nTo: {self.b.address}\r\nSubject: KOM-LE-Nachricht\r\n")
        with kimtest.smtps(kimtest.Account(self.a.address, self.a.password)) as smtp:
            smtp.sendmail(self.a.address, [self.b.address], outer)
        pop = self.b.client_module_pop3()
        self.assertEqual(1, pop.stat()[0])
        received = b"\r\n".join(pop.retr(1)[1]) + b"\r\n"
        self.assertIn(b"X-KIM-DecryptionResult: decrypted", received)
        self.assertIn(b"X-KIM-IntegrityCheckResult: valid", received)
        self.assertTrue(received.endswith(only_ecc), received[:600])
        pop.quit()
        self.empty_fachdienst_mailbox(self.b)

    def test_legacy_cbc_enveloped_data_made_by_openssl_is_still_opened(self):
        # a KIM 1.0 sender: signed and encrypted with AES-256-CBC EnvelopedData by OpenSSL, handed
        # straight to the Fachdienst; B's client module must still open it
        self.empty_fachdienst_mailbox(self.b)
        sent = letter(self.a.address, self.b.address, "Altes Format", "Befund im KIM-1.0-Format")
        with tempfile.TemporaryDirectory() as work:
            signer_key, signer, chain = self.a.signing_key_certificate_and_chain(work)
            _, recipient = self.b.encryption_key_and_certificate(work)
            plain_file = os.path.join(work, "plain.eml")
            signed_file = os.path.join(work, "signed.p7m")
            inner_file = os.path.join(work, "inner.eml")
            enveloped_file = os.path.join(work, "enveloped.p7m")
            with open(plain_file, "wb") as f:
                f.write(sent)
            kimtest.openssl(
                "cms", "-sign", "-nodetach", "-binary", "-md", "sha256", "-in", plain_file,
                "-signer", signer, "-inkey", signer_key, "-certfile", chain,
                "-outform", "DER", "-out", signed_file)
            with open(signed_file, "rb") as f:
                inner = kimtest.pkcs7_entity("signed-data", f.read())
            with open(inner_file, "wb") as f:
                f.write(inner)
            kimtest.openssl(
                "cms", "-encrypt", "-binary", "-aes256", "-in", inner_file, "-outform", "DER",
                "-out", enveloped_file, "-recip", recipient,
                "-keyopt", "rsa_padding_mode:oaep", "-keyopt", "rsa_oaep_md:sha256")
            structure = kimtest.openssl("cms", "-cmsout", "-print", "-inform", "DER", "-in", enveloped_file).decode()
            self.assertIn("contentType: pkcs7-envelopedData", structure)
            self.assertIn("algorithm: aes-256-cbc", structure)
            with open(enveloped_file, "rb") as f:
                outer = kimtest.pkcs7_entity(
                    "enveloped-data", f.read(),
                    f"From: {self.a.address}\r\nTo: {self.b.address}\r\nSubject: KOM-LE-Nachricht\r\n"
                    "X-KIM-Dienstkennung: KIM-Mail;Default;V1.0\r\n")
        with kimtest.smtps(kimtest.Account(self.a.address, self.a.password)) as smtp:
            smtp.sendmail(self.a.address, [self.b.address], outer)
        pop = self.b.client_module_pop3()
        self.assertEqual(1, pop.stat()[0])
        received = b"\r\n".join(pop.retr(1)[1]) + b"\r\n"
        self.assertIn(b"X-KIM-DecryptionResult: decrypted", received)
        self.assertIn(b"X-KIM-IntegrityCheckResult: valid", received)
        self.assertTrue(received.endswith(sent), received[:600])
        pop.quit()
        self.empty_fachdienst_mailbox(self.b)

    def test_altered_gcm_message_is_delivered_with_a_decryption_failure_warning(self):
        self.empty_fachdienst_mailbox(self.b)
        sent = letter(self.a.address, self.b.address, "Manipuliert", "Dieser Inhalt wird veraendert")
        with self.a.client_module_smtp() as smtp:
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], sent))
        [raw] = self.fachdienst_raw(self.b)
        self.empty_fachdienst_mailbox(self.b)
        # someone on the way flips one bit of the GCM tag and delivers the result to B
        tampered = kimtest.with_pkcs7_body(raw, kimtest.flip_gcm_tag(kimtest.pkcs7_body(raw)))
        with kimtest.smtps(kimtest.Account(self.a.address, self.a.password)) as smtp:
            smtp.sendmail(self.a.address, [self.b.address], kimtest.without_trace(tampered))
        pop = self.b.client_module_pop3()
        self.assertEqual(1, pop.stat()[0], "delivered, not dropped")
        received = b"\r\n".join(pop.retr(1)[1]) + b"\r\n"
        head = received[: received.index(b"\r\n\r\n")].decode("utf-8")
        self.assertIn("X-KIM-DecryptionResult: failed", head)
        self.assertIn("X-KIM-IntegrityCheckResult: not checked", head)
        self.assertRegex(head, r"X-KIM-Fehlermeldung: .*(verändert|authentication tag)")
        self.assertNotIn(b"Dieser Inhalt", received)
        self.assertIn(b"smime-type=authEnveloped-data", received, "the message as it arrived")
        pop.quit()
        self.empty_fachdienst_mailbox(self.b)


class ClientModuleSizeTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = Practice("Praxis", DOMAIN_A, PRAXIS_OID)
        cls.b = Practice("Klinik", DOMAIN_B, KRANKENHAUS_OID)

    def test_25_mib_message_passes_end_to_end(self):
        size = 25 * 1024 * 1024
        sent = kimtest.message_of_size(self.a.address, self.b.address, size)
        with self.a.client_module_smtp() as smtp:
            self.assertEqual({}, smtp.sendmail(self.a.address, [self.b.address], sent))
        pop = self.b.client_module_pop3()
        received = b"\r\n".join(pop.retr(1)[1]) + b"\r\n"
        self.assertIn(b"X-KIM-IntegrityCheckResult: valid", received[:2000])
        self.assertTrue(received.endswith(sent))
        pop.dele(1)
        pop.quit()

    def test_one_byte_more_is_refused_with_552_and_the_sender_told(self):
        sent = kimtest.message_of_size(self.a.address, self.b.address, 25 * 1024 * 1024 + 1)
        with self.a.client_module_smtp() as smtp:
            with self.assertRaises(smtplib.SMTPSenderRefused) as refused:
                smtp.sendmail(self.a.address, [self.b.address], sent)
            self.assertEqual(552, refused.exception.smtp_code)
            # without SIZE the client module notices while reading DATA
            smtp.rset()
            smtp.mail(self.a.address)
            smtp.rcpt(self.b.address)
            code, text = smtp.data(sent)
            self.assertEqual(552, code)
            self.assertIn(b"25 MiB", text)


if __name__ == "__main__":
    unittest.main()
