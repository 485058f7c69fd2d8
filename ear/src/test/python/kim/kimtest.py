"""Helpers for the KIM scenarios: where the deployed server is, accounts through the admin API,
TLS contexts for the self-signed test certificate, messages of an exact size."""

import base64
import json
import os
import poplib
import secrets
import smtplib
import ssl
import urllib.error
import urllib.request

BASE_URL = os.environ.get("KIM_IT_BASE_URL", "http://127.0.0.1:8080")
HOST = "127.0.0.1"
SMTPS_PORT = int(os.environ.get("KIM_IT_SMTPS_PORT", "465"))
SUBMISSION_PORT = int(os.environ.get("KIM_IT_SUBMISSION_PORT", "587"))
POP3S_PORT = int(os.environ.get("KIM_IT_POP3S_PORT", "995"))
DATA_DIR = os.environ.get("KIM_IT_DATA_DIR", ".")

DOMAIN_A = "praxis-a.kim.test"
DOMAIN_B = "klinik-b.kim.test"


def tls():
    """The test server's certificate is self-signed; the tests check the protocol, not the PKI."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def admin(method, path, body):
    password = os.environ["TIM_ADMIN_PASSWORD"]
    request = urllib.request.Request(
        BASE_URL + path,
        data=json.dumps(body).encode(),
        method=method,
        headers={
            "Authorization": "Basic " + base64.b64encode(f"admin:{password}".encode()).decode(),
            "Content-Type": "application/json",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"{}")


class Account:
    def __init__(self, address, password):
        self.address = address
        self.password = password


def new_account(prefix, domain):
    """A fresh KIM account (unique per run, so scenarios never see each other's mail)."""
    address = f"{prefix}-{secrets.token_hex(4)}@{domain}"
    password = "pw-" + secrets.token_urlsafe(12)
    status, body = admin("POST", "/_tim/v1/admin/kim/accounts", {"address": address, "password": password})
    assert status == 200, (status, body)
    return Account(address, password)


def set_state(account, state):
    status, body = admin("PUT", f"/_tim/v1/admin/kim/accounts/{account.address}/state", {"state": state})
    assert status == 200, (status, body)


def smtps(account=None):
    client = smtplib.SMTP_SSL(HOST, SMTPS_PORT, context=tls(), timeout=120)
    client.ehlo("client.test")
    if account:
        client.login(account.address, account.password)
    return client


def pop3s(account=None):
    client = poplib.POP3_SSL(HOST, POP3S_PORT, context=tls(), timeout=120)
    if account:
        client.user(account.address)
        client.pass_(account.password)
    return client


def message(sender, recipient, subject, body):
    """A minimal RFC 5322 message with CRLF line ends, as bytes."""
    lines = [
        f"From: {sender}",
        f"To: {recipient}",
        f"Subject: {subject}",
        f"Message-ID: <{secrets.token_hex(8)}@client.test>",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
        "",
        body,
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def message_of_size(sender, recipient, size):
    """A message of exactly `size` bytes (CRLF line ends, base64-looking body lines of 76)."""
    head = message(sender, recipient, "exact size", "").rstrip(b"\r\n") + b"\r\n\r\n"
    remaining = size - len(head)
    assert remaining >= 2
    line = b"QUJD" * 19  # 76 characters, like base64 content
    full_lines, rest = divmod(remaining, len(line) + 2)
    if rest == 1:  # one byte cannot end in CRLF: the last full line grows by one character
        body = (line + b"\r\n") * (full_lines - 1) + line + b"A\r\n"
    else:
        body = (line + b"\r\n") * full_lines + (b"A" * (rest - 2) + b"\r\n" if rest else b"")
    data = head + body
    assert len(data) == size, (len(data), size)
    return data


def without_trace(stored):
    """The message as the sender sent it: the stored one minus the Fachdienst's Received header."""
    assert stored.startswith(b"Received: from "), stored[:80]
    end = 0
    while True:
        end = stored.index(b"\r\n", end) + 2
        if stored[end : end + 1] not in (b" ", b"\t"):
            return stored[end:]


def received(account):
    """What the sender sent, for every message in the account's mailbox (left in place)."""
    return [without_trace(body) for _, body in mailbox(account)]


def mailbox(account):
    """(uid, bytes) of every message in the account's mailbox, read over POP3S, left in place."""
    client = pop3s(account)
    try:
        result = []
        for entry in client.uidl()[1]:
            number, uid = entry.decode().split()
            lines = client.retr(int(number))[1]
            result.append((uid, b"\r\n".join(lines) + b"\r\n"))
        return result
    finally:
        client.quit()
