"""The Fachdienst's own messages and relay, driven by Python's smtplib and poplib and checked with
Python's email package: delivery status notifications (RFC 3461/3464), bounces, absence notes
(RFC 3834) and relay to another KIM Fachdienst (this server again, under fern.kim.test, reached
over SMTPS with its client certificate)."""

import email
import email.policy
import os
import secrets
import smtplib
import time
import unittest

import kimtest
from kimtest import DOMAIN_A, DOMAIN_B

DOMAIN_REMOTE = "fern.kim.test"  # routed to localhost:<SMTPS port> by kim.relay.routes
DOMAIN_UNREACHABLE = "unerreichbar.kim.test"  # routed to 127.0.0.1:1, where nothing listens


def parse(raw):
    return email.message_from_bytes(raw, policy=email.policy.default)


def messages(account):
    return [parse(raw) for _, raw in kimtest.mailbox(account)]


# how far this module moved the server's test clock; moved back at the end, because the other test
# classes of the run share the server (and compute TOTP codes with the real time)
clock_moved_ms = 0


def tearDownModule():
    if clock_moved_ms:
        kimtest.post_json("/_tim/v1/test-tools/clock", {"advance_ms": -clock_moved_ms})


def wait_for(account, predicate, seconds=60, advance_clock_ms=0):
    """Polls the account's mailbox until a message matches; optionally moves the server clock."""
    global clock_moved_ms
    deadline = time.time() + seconds
    while True:
        found = [m for m in messages(account) if predicate(m)]
        if found or time.time() > deadline:
            return found
        if advance_clock_ms:
            kimtest.post_json("/_tim/v1/test-tools/clock", {"advance_ms": advance_clock_ms})
            clock_moved_ms += advance_clock_ms
        time.sleep(3)


def is_report(m):
    return m.get_content_type() == "multipart/report"


def report_fields(report):
    """(per-message fields, [per-recipient fields]) of a multipart/report; checks its structure."""
    assert report.get_content_type() == "multipart/report", report.get_content_type()
    assert report.get_param("report-type") == "delivery-status", report["Content-Type"]
    parts = report.get_payload()
    types = [p.get_content_type() for p in parts]
    assert types == ["text/plain", "message/delivery-status", "text/rfc822-headers"], types
    blocks = parts[1].get_payload()
    return blocks[0], blocks[1:], parts[2]


def original_headers(part):
    return parse(part.get_payload(decode=True) or part.get_payload().encode())


def send(sender, recipients, data, mail_options=(), rcpt_options=()):
    with kimtest.smtps(sender) as smtp:
        return smtp.sendmail(sender.address, recipients, data, list(mail_options), list(rcpt_options))


class DeliveryStatusTest(unittest.TestCase):
    def test_ehlo_advertises_dsn(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        with kimtest.smtps(a) as smtp:
            self.assertTrue(smtp.has_extn("dsn"), smtp.esmtp_features)

    def test_success_report_on_request_arrives_in_the_senders_mailbox(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        sent = kimtest.message(a.address, b.address, "Arztbrief", "verschluesselt")
        envid = "env-" + secrets.token_hex(4)
        refused = send(
            a,
            [b.address],
            sent,
            mail_options=["RET=HDRS", f"ENVID={envid}"],
            rcpt_options=["NOTIFY=SUCCESS,FAILURE", f"ORCPT=rfc822;{b.address}"],
        )
        self.assertEqual({}, refused)
        self.assertEqual([sent], kimtest.received(b))
        reports = messages(a)
        self.assertEqual(1, len(reports), [r["Subject"] for r in reports])
        report = reports[0]
        self.assertEqual("auto-replied", report["Auto-Submitted"])
        self.assertIn(a.address, report["To"])
        per_message, per_recipient, headers = report_fields(report)
        self.assertEqual(envid, per_message["Original-Envelope-Id"])
        self.assertTrue(per_message["Reporting-MTA"].startswith("dns;"))
        self.assertEqual(1, len(per_recipient))
        self.assertEqual("delivered", per_recipient[0]["Action"])
        self.assertEqual("2.0.0", per_recipient[0]["Status"])
        self.assertIn(b.address, per_recipient[0]["Final-Recipient"])
        self.assertEqual(f"rfc822;{b.address}", per_recipient[0]["Original-Recipient"].replace(" ", ""))
        quoted = original_headers(headers)
        self.assertEqual("Arztbrief", quoted["Subject"])
        self.assertEqual(parse(sent)["Message-ID"], quoted["Message-ID"])
        self.assertNotIn(b"verschluesselt", kimtest.mailbox(a)[0][1], "the body is never returned")

    def test_no_report_without_notify_success(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        send(a, [b.address], kimtest.message(a.address, b.address, "ohne", "x"))
        send(a, [b.address], kimtest.message(a.address, b.address, "nie", "x"), rcpt_options=["NOTIFY=NEVER"])
        self.assertEqual(2, len(kimtest.mailbox(b)))
        self.assertEqual([], kimtest.mailbox(a))

    def test_malformed_dsn_parameters_are_refused(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        with kimtest.smtps(a) as smtp:
            code, text = smtp.mail(a.address, ["RET=ALL"])
            self.assertEqual(501, code, text)
            code, text = smtp.mail(a.address, ["ENVID=a=b"])
            self.assertEqual(501, code, text)
            code, text = smtp.mail(a.address, ["XFOO=1"])
            self.assertEqual(555, code, text)
            code, _ = smtp.mail(a.address, ["RET=FULL"])
            self.assertEqual(250, code)
            for bad in (["NOTIFY=SOMETIMES"], ["NOTIFY=NEVER,SUCCESS"], ["NOTIFY="], ["ORCPT=" + b.address],
                        ["NOTIFY=SUCCESS", "NOTIFY=FAILURE"]):
                code, text = smtp.rcpt(b.address, bad)
                self.assertEqual(501, code, (bad, text))
            code, text = smtp.rcpt(b.address, ["XBAR=1"])
            self.assertEqual(555, code, text)
            code, text = smtp.rcpt(b.address, ["NOTIFY=FAILURE,DELAY"])
            self.assertEqual(250, code, text)
            smtp.rset()

    def test_unknown_recipient_in_a_kim_domain_is_refused_with_5_1_1(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        with kimtest.smtps(a) as smtp:
            smtp.mail(a.address)
            code, text = smtp.rcpt(f"niemand-{secrets.token_hex(4)}@{DOMAIN_B}")
            self.assertEqual(550, code)
            self.assertIn(b"5.1.1", text)
            code, text = smtp.rcpt("someone@elsewhere.example")
            self.assertEqual(550, code)
            self.assertIn(b"5.1.2", text)
            self.assertIn(b"not a KIM domain", text)
            self.assertIn(b"kim.relay.routes", text)

    def test_recipient_locked_after_rcpt_gets_the_sender_a_failure_report_with_headers(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        sent = kimtest.message(a.address, b.address, "gesperrt", "geheimer Inhalt")
        with kimtest.smtps(a) as smtp:
            smtp.mail(a.address)
            self.assertEqual(250, smtp.rcpt(b.address)[0])
            kimtest.set_state(b, "LOCKED")
            code, text = smtp.data(sent)
            self.assertEqual(250, code, text)
        kimtest.set_state(b, "ACTIVE")
        self.assertEqual([], kimtest.mailbox(b), "not delivered")
        reports = messages(a)
        self.assertEqual(1, len(reports))
        _, per_recipient, headers = report_fields(reports[0])
        self.assertEqual("failed", per_recipient[0]["Action"])
        self.assertEqual("5.2.1", per_recipient[0]["Status"])
        self.assertIn("smtp;", per_recipient[0]["Diagnostic-Code"].replace(" ", ""))
        self.assertEqual("gesperrt", original_headers(headers)["Subject"])
        self.assertNotIn(b"geheimer Inhalt", kimtest.mailbox(a)[0][1])


class AbsenceNoteTest(unittest.TestCase):
    def set_note(self, account, body):
        return kimtest.admin("PUT", f"/_tim/v1/admin/kim/accounts/{account.address}/absence", body)

    def test_absence_note_answers_each_sender_once_and_never_automatic_mail(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        c = kimtest.new_account("labor", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        status, body = self.set_note(
            b, {"text": "Bin im Urlaub.\nVertretung: Dr. X", "start": "2020-01-01T00:00:00Z", "end": "2099-01-01T00:00:00Z"}
        )
        self.assertEqual(200, status, body)
        status, body = kimtest.admin("GET", f"/_tim/v1/admin/kim/accounts/{b.address}/absence", None)
        self.assertEqual((200, "Bin im Urlaub.\nVertretung: Dr. X"), (status, body["text"]))

        first = kimtest.message(a.address, b.address, "Befund", "1")
        send(a, [b.address], first)
        send(a, [b.address], kimtest.message(a.address, b.address, "Befund 2", "2"))
        replies = messages(a)
        self.assertEqual(1, len(replies), "once per sender and period")
        reply = replies[0]
        self.assertEqual("Abwesenheitsnotiz: Befund", reply["Subject"])
        self.assertEqual("auto-replied", reply["Auto-Submitted"])
        self.assertEqual(parse(first)["Message-ID"], reply["In-Reply-To"])
        self.assertIn(parse(first)["Message-ID"], reply["References"])
        self.assertIn(b.address, reply["From"])
        self.assertIn("Vertretung: Dr. X", reply.get_content())

        for header in ("Auto-Submitted: auto-generated", "Precedence: bulk", "List-Id: <liste.kim.test>"):
            automatic = kimtest.message(c.address, b.address, "automatisch", "x").replace(
                b"MIME-Version", header.encode() + b"\r\nMIME-Version"
            )
            send(c, [b.address], automatic)
            self.assertEqual([], kimtest.mailbox(c), header)

        status, _ = kimtest.admin("DELETE", f"/_tim/v1/admin/kim/accounts/{b.address}/absence", None)
        self.assertEqual(200, status)
        send(c, [b.address], kimtest.message(c.address, b.address, "nach Rueckkehr", "x"))
        self.assertEqual([], kimtest.mailbox(c), "no note, no answer")
        status, _ = kimtest.admin("GET", f"/_tim/v1/admin/kim/accounts/{b.address}/absence", None)
        self.assertEqual(404, status)

    def test_note_outside_its_period_is_silent_and_bad_input_is_refused(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        b = kimtest.new_account("klinik", DOMAIN_B)
        status, _ = self.set_note(b, {"text": "spaeter", "start": "2098-01-01T00:00:00Z", "end": "2099-01-01T00:00:00Z"})
        self.assertEqual(200, status)
        send(a, [b.address], kimtest.message(a.address, b.address, "jetzt", "x"))
        self.assertEqual([], kimtest.mailbox(a))
        for bad in (
            {"text": "x", "start": "gestern", "end": "2099-01-01T00:00:00Z"},
            {"text": "x", "start": "2099-01-01T00:00:00Z", "end": "2098-01-01T00:00:00Z"},
            {"text": "", "start": "2020-01-01T00:00:00Z", "end": "2099-01-01T00:00:00Z"},
            {"start": "2020-01-01T00:00:00Z", "end": "2099-01-01T00:00:00Z"},
        ):
            status, body = self.set_note(b, bad)
            self.assertEqual(400, status, (bad, body))
            self.assertIn("errcode", body)
        status, _ = kimtest.admin("GET", f"/_tim/v1/admin/kim/accounts/nobody-{secrets.token_hex(3)}@{DOMAIN_B}/absence", None)
        self.assertEqual(404, status)


class RelayTest(unittest.TestCase):
    def test_message_for_another_fachdienst_travels_over_smtp_into_the_remote_mailbox(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        f = kimtest.new_account("fern", DOMAIN_REMOTE)
        sent = kimtest.message(a.address, f.address, "Ueberweisung", "an einen anderen Fachdienst")
        refused = send(a, [f.address], sent, rcpt_options=["NOTIFY=SUCCESS,FAILURE"])
        self.assertEqual({}, refused)
        deadline = time.time() + 90
        while not kimtest.mailbox(f) and time.time() < deadline:
            time.sleep(2)
        stored = kimtest.mailbox(f)
        self.assertEqual(1, len(stored))
        raw = stored[0][1]
        head = raw.split(b"\r\n\r\n")[0]
        # two hops: the relaying Fachdienst's trace from the practice, then the receiving one's
        self.assertEqual(2, head.count(b"Received: from "), head)
        self.assertIn(b"with ESMTPS id", head, "the second hop is a Fachdienst, not an AUTH login")
        self.assertTrue(raw.endswith(sent.split(b"\r\n\r\n", 1)[1]), "body unchanged")
        reports = wait_for(a, is_report, seconds=30)
        self.assertEqual(1, len(reports))
        _, per_recipient, _ = report_fields(reports[0])
        self.assertEqual("relayed", per_recipient[0]["Action"])
        self.assertIn(f.address, per_recipient[0]["Final-Recipient"])

    def test_unknown_address_at_the_other_fachdienst_bounces_to_the_sender(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        unknown = f"niemand-{secrets.token_hex(4)}@{DOMAIN_REMOTE}"
        self.assertEqual({}, send(a, [unknown], kimtest.message(a.address, unknown, "ins Leere", "x")))
        reports = wait_for(a, is_report, seconds=90)
        self.assertEqual(1, len(reports), "bounce within 90 s")
        _, per_recipient, headers = report_fields(reports[0])
        self.assertEqual("failed", per_recipient[0]["Action"])
        self.assertEqual("5.1.1", per_recipient[0]["Status"])
        self.assertIn("550", per_recipient[0]["Diagnostic-Code"])
        self.assertEqual("ins Leere", original_headers(headers)["Subject"])

    def test_unreachable_fachdienst_bounces_after_the_last_retry(self):
        a = kimtest.new_account("praxis", DOMAIN_A)
        target = f"jemand-{secrets.token_hex(4)}@{DOMAIN_UNREACHABLE}"
        self.assertEqual({}, send(a, [target], kimtest.message(a.address, target, "unerreichbar", "x")))
        time.sleep(15)
        self.assertEqual([], kimtest.mailbox(a), "first attempt failed, no bounce yet")
        # retries after 1 and 4 minutes (kim.relay.max-attempts=3 in the ITs): move the clock on
        reports = wait_for(a, is_report, seconds=150, advance_clock_ms=5 * 60 * 1000)
        self.assertEqual(1, len(reports), "bounce after the last attempt")
        _, per_recipient, _ = report_fields(reports[0])
        self.assertEqual("failed", per_recipient[0]["Action"])
        self.assertEqual("4.4.1", per_recipient[0]["Status"])
        self.assertIn("3 attempts", per_recipient[0]["Diagnostic-Code"])


def server_log_contains(text, seconds=60):
    """Polls the test server's server.log for a line (what the server did without telling anyone)."""
    path = os.path.join(kimtest.DATA_DIR, os.pardir, "log", "server.log")
    deadline = time.time() + seconds
    while time.time() < deadline:
        with open(path, encoding="utf-8", errors="replace") as log:
            if text in log.read():
                return True
        time.sleep(2)
    return False


class SenderAtAnotherFachdienstTest(unittest.TestCase):
    """Reports and absence notes for a sender of fern.kim.test go back through the relay queue (over
    SMTPS to this server again, as the other Fachdienst) with MAIL FROM:<>, and nothing answers them."""

    def set_note(self, account, text):
        status, body = kimtest.admin(
            "PUT",
            f"/_tim/v1/admin/kim/accounts/{account.address}/absence",
            {"text": text, "start": "2020-01-01T00:00:00Z", "end": "2099-01-01T00:00:00Z"},
        )
        self.assertEqual(200, status, body)

    def test_report_and_absence_note_travel_back_through_the_relay_and_are_not_answered(self):
        f = kimtest.new_account("fern", DOMAIN_REMOTE)
        b = kimtest.new_account("klinik", DOMAIN_B)
        self.set_note(b, "Im Urlaub.")
        # f is away too: an absence note answering the report or b's note would start a loop
        self.set_note(f, "Auch im Urlaub.")
        sent = kimtest.message(f.address, b.address, "Rueckfrage", "x")
        envid = "fern-" + secrets.token_hex(4)
        self.assertEqual({}, send(f, [b.address], sent, mail_options=[f"ENVID={envid}"],
                                  rcpt_options=["NOTIFY=SUCCESS,FAILURE"]))
        self.assertEqual([sent], kimtest.received(b))

        def relayed_in(account):
            return [raw for _, raw in kimtest.mailbox(account)]

        wanted = lambda m: is_report(m) or str(m["Subject"]).startswith("Abwesenheitsnotiz")
        deadline = time.time() + 90
        while len([m for m in messages(f) if wanted(m)]) < 2 and time.time() < deadline:
            time.sleep(2)
        arrived = messages(f)
        reports = [m for m in arrived if is_report(m)]
        notes = [m for m in arrived if str(m["Subject"]).startswith("Abwesenheitsnotiz")]
        self.assertEqual((1, 1, 2), (len(reports), len(notes), len(arrived)), [m["Subject"] for m in arrived])
        per_message, per_recipient, _ = report_fields(reports[0])
        self.assertEqual(envid, per_message["Original-Envelope-Id"])
        self.assertEqual("delivered", per_recipient[0]["Action"])
        self.assertIn(b.address, per_recipient[0]["Final-Recipient"])
        self.assertEqual("Abwesenheitsnotiz: Rueckfrage", notes[0]["Subject"])
        self.assertIn(b.address, notes[0]["From"])
        for raw in relayed_in(f):
            head = raw.split(b"\r\n\r\n")[0]
            # one hop, from the relaying Fachdienst (TLS client certificate), not written in place
            self.assertEqual(1, head.count(b"Received: from "), head)
            self.assertIn(b"with ESMTPS id", head)
        # the reports arrived from the null sender: f's own absence note answered neither
        time.sleep(15)
        self.assertEqual([sent], kimtest.received(b))

    def test_report_the_other_fachdienst_refuses_is_dropped_without_a_report_about_it(self):
        f = kimtest.new_account("fern", DOMAIN_REMOTE)
        b = kimtest.new_account("klinik", DOMAIN_B)
        sent = kimtest.message(f.address, b.address, "gesperrt danach", "x")
        with kimtest.smtps(f) as smtp:
            self.assertEqual(250, smtp.mail(f.address)[0])
            self.assertEqual(250, smtp.rcpt(b.address, ["NOTIFY=SUCCESS"])[0])
            # the sender's mailbox is locked before its report exists: the other Fachdienst (this
            # server again) will refuse the report at RCPT
            kimtest.set_state(f, "LOCKED")
            code, text = smtp.data(sent)
            self.assertEqual(250, code, text)
        try:
            self.assertTrue(
                server_log_contains(f"Message from the null sender not delivered to {f.address}"),
                "the refused report is dropped with a log line",
            )
        finally:
            kimtest.set_state(f, "ACTIVE")
        time.sleep(12)  # a bounce of the report would be queued and relayed within a job run
        self.assertEqual([], kimtest.mailbox(f), "no report about the report")
        self.assertEqual([sent], kimtest.received(b))


if __name__ == "__main__":
    unittest.main()
