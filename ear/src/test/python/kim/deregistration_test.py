"""A deregistered KIM account, driven by Python's smtplib and poplib: it cannot send, mail to it is
refused, and the mail it had not fetched stays retrievable (the Java IT prepares the accounts)."""

import os
import smtplib
import unittest

import kimtest

DEREGISTERED = kimtest.Account(os.environ["KIM_IT_DEREGISTERED_ADDRESS"], os.environ["KIM_IT_DEREGISTERED_PASSWORD"])
SENDER = kimtest.Account(os.environ["KIM_IT_SENDER_ADDRESS"], os.environ["KIM_IT_SENDER_PASSWORD"])


class BeforeDeregistrationTest(unittest.TestCase):
    def test_sender_delivers_one_message_to_the_account(self):
        with kimtest.smtps(SENDER) as smtp:
            refused = smtp.sendmail(SENDER.address, [DEREGISTERED.address],
                                    kimtest.message(SENDER.address, DEREGISTERED.address,
                                                    os.environ["KIM_IT_MARKER"], "Befund vor der Abmeldung"))
            self.assertEqual({}, refused)


class DeregisteredAccountTest(unittest.TestCase):
    def test_deregistered_account_cannot_send(self):
        with kimtest.smtps(DEREGISTERED) as smtp:
            with self.assertRaises(smtplib.SMTPSenderRefused) as refused:
                smtp.sendmail(DEREGISTERED.address, [SENDER.address],
                              kimtest.message(DEREGISTERED.address, SENDER.address, "x", "nach der Abmeldung"))
            self.assertEqual(550, refused.exception.smtp_code)
            self.assertTrue(refused.exception.smtp_error.startswith(b"5.7.1"), refused.exception.smtp_error)
            self.assertIn(b"deregistered", refused.exception.smtp_error)

    def test_mail_to_a_deregistered_mailbox_is_refused_at_rcpt(self):
        with kimtest.smtps(SENDER) as smtp:
            with self.assertRaises(smtplib.SMTPRecipientsRefused) as refused:
                smtp.sendmail(SENDER.address, [DEREGISTERED.address],
                              kimtest.message(SENDER.address, DEREGISTERED.address, "x", "zu spaet"))
            code, text = refused.exception.recipients[DEREGISTERED.address]
            self.assertEqual(550, code)
            self.assertTrue(text.startswith(b"5.1.1"), text)
            self.assertIn(b"deregistered", text)

    def test_kept_mail_is_still_retrievable_by_pop3(self):
        pop = kimtest.pop3s(DEREGISTERED)
        self.assertEqual(1, pop.stat()[0])
        stored = b"\r\n".join(pop.retr(1)[1])
        self.assertIn(os.environ["KIM_IT_MARKER"].encode(), stored)
        pop.quit()  # no DELE: the message stays for the retention job


if __name__ == "__main__":
    unittest.main()
