"""Helpers for the KIM scenarios: where the deployed server is, accounts through the admin API,
TLS contexts for the self-signed test certificate, messages of an exact size."""

import base64
import hashlib
import hmac
import json
import os
import poplib
import secrets
import smtplib
import ssl
import subprocess
import time
import urllib.error
import urllib.request

BASE_URL = os.environ.get("KIM_IT_BASE_URL", "http://127.0.0.1:8080")
HOST = "127.0.0.1"
SMTPS_PORT = int(os.environ.get("KIM_IT_SMTPS_PORT", "465"))
SUBMISSION_PORT = int(os.environ.get("KIM_IT_SUBMISSION_PORT", "587"))
POP3S_PORT = int(os.environ.get("KIM_IT_POP3S_PORT", "995"))
CLIENT_MODULE_SMTP_PORT = int(os.environ.get("KIM_IT_CLIENT_MODULE_SMTP_PORT", "10025"))
CLIENT_MODULE_POP3_PORT = int(os.environ.get("KIM_IT_CLIENT_MODULE_POP3_PORT", "10110"))
DATA_DIR = os.environ.get("KIM_IT_DATA_DIR", ".")

DOMAIN_A = "praxis-a.kim.test"
DOMAIN_B = "klinik-b.kim.test"


def tls():
    """The test server's certificate is self-signed; the tests check the protocol, not the PKI."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


# how far the test tools moved the server's clock: the operator's one-time codes follow it
_server_clock_offset_ms = 0

CLOCK = "/_tim/v1/test-tools/clock"


def post_json(path, body):
    """A POST to the test tools (test cards, clock), which serve only the operator."""
    global _server_clock_offset_ms
    request = urllib.request.Request(
        BASE_URL + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Content-Type": "application/json", **operator_headers()},
    )
    with urllib.request.urlopen(request, timeout=60) as response:
        answer = json.loads(response.read())
    if path == CLOCK:
        _server_clock_offset_ms += body["advance_ms"]
    return answer


def operator_headers():
    """HTTP Basic and the current one-time code of the operator (PythonMailClients enrols it)."""
    password = os.environ["TIM_ADMIN_PASSWORD"]
    return {
        "Authorization": "Basic " + base64.b64encode(f"admin:{password}".encode()).decode(),
        "X-TIM-OTP": totp(
            os.environ["TIM_ADMIN_TOTP_SECRET"], time.time() + _server_clock_offset_ms / 1000
        ),
    }


def totp(base32_secret, at=None):
    """RFC 6238 (HMAC-SHA1, 30 s, six digits): the operator's current one-time code."""
    key = base64.b32decode(base32_secret + "=" * (-len(base32_secret) % 8))
    counter = int((time.time() if at is None else at) // 30).to_bytes(8, "big")
    digest = hmac.new(key, counter, hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    return "%06d" % ((int.from_bytes(digest[offset:offset + 4], "big") & 0x7FFFFFFF) % 1_000_000)


def admin(method, path, body):
    request = urllib.request.Request(
        BASE_URL + path,
        data=json.dumps(body).encode(),
        method=method,
        headers={"Content-Type": "application/json", **operator_headers()},
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


class Practice:
    """An institution with its own SMC-B (a software test card in its own Mandant) and KIM account."""

    def __init__(self, name, domain, profession_oid):
        tag = secrets.token_hex(4)
        self.mandant = f"{name}-{tag}"
        self.card = post_json(
            "/_tim/v1/konnektor/test-cards",
            {
                "type": "SMC-B",
                "holder_name": f"{name} {tag}",
                "telematik_id": f"1-{tag}",
                "profession_oid": profession_oid,
                "mandant_id": self.mandant,
            },
        )
        self.address = f"{name.lower()}-{tag}@{domain}"
        self.password = "pw-" + secrets.token_urlsafe(12)
        status, body = admin(
            "POST",
            "/_tim/v1/admin/kim/accounts",
            {
                "address": self.address,
                "password": self.password,
                "card_handle": self.card["card_handle"],
                "mandant_id": self.mandant,
            },
        )
        assert status == 200, (status, body)

    def smtp_user(self):
        """The KIM user-name form for the client module's SMTP (Fachdienst SMTPS host:port)."""
        return f"{self.address}#{HOST}:{SMTPS_PORT}#{self.mandant}#PVS-1#Arbeitsplatz-1"

    def pop3_user(self):
        """The same form for POP3: it names the Fachdienst's POP3S port."""
        return f"{self.address}#{HOST}:{POP3S_PORT}#{self.mandant}#PVS-1#Arbeitsplatz-1"

    def client_module_smtp(self, timeout=300):
        client = smtplib.SMTP(HOST, CLIENT_MODULE_SMTP_PORT, timeout=timeout)
        client.ehlo("pvs.praxis.test")
        client.login(self.smtp_user(), self.password)
        return client

    def client_module_pop3(self):
        client = poplib.POP3(HOST, CLIENT_MODULE_POP3_PORT, timeout=300)
        client.user(self.pop3_user())
        client.pass_(self.password)
        return client

    def encryption_key_and_certificate(self, work_dir, crypt="RSA"):
        """The card's C.HCI.ENC key (RSA or ECC) and certificate as PEM files, taken from the
        software Konnektor."""
        card_dir = os.path.join(DATA_DIR, "tim", "konnektor", "cards", self.card["iccsn"])
        p12 = os.path.join(card_dir, f"C.HCI.ENC-{crypt}.p12")
        password = os.path.join(DATA_DIR, "tim", "konnektor", "keystore-password")
        key = os.path.join(work_dir, f"enc-{crypt}.key.pem")
        certificate = os.path.join(work_dir, f"enc-{crypt}.cert.pem")
        openssl("pkcs12", "-in", p12, "-passin", f"file:{password}", "-nodes", "-nocerts", "-out", key)
        openssl("pkcs12", "-in", p12, "-passin", f"file:{password}", "-clcerts", "-nokeys", "-out", certificate)
        return key, certificate


    def signing_key_certificate_and_chain(self, work_dir):
        """The SMC-B's C.HCI.OSIG key, certificate and issuing CA as PEM files."""
        card_dir = os.path.join(DATA_DIR, "tim", "konnektor", "cards", self.card["iccsn"])
        p12 = os.path.join(card_dir, "C.HCI.OSIG-RSA.p12")
        password = os.path.join(DATA_DIR, "tim", "konnektor", "keystore-password")
        key = os.path.join(work_dir, "osig.key.pem")
        certificate = os.path.join(work_dir, "osig.cert.pem")
        chain = os.path.join(work_dir, "osig.chain.pem")
        openssl("pkcs12", "-in", p12, "-passin", f"file:{password}", "-nodes", "-nocerts", "-out", key)
        openssl("pkcs12", "-in", p12, "-passin", f"file:{password}", "-clcerts", "-nokeys", "-out", certificate)
        openssl("pkcs12", "-in", p12, "-passin", f"file:{password}", "-cacerts", "-nokeys", "-out", chain)
        return key, certificate, chain


def pkcs7_entity(smime_type, der, extra_headers=""):
    """An application/pkcs7-mime entity around a CMS structure, CRLF line ends."""
    body = base64.encodebytes(der).replace(b"\n", b"\r\n")
    head = (
        f"{extra_headers}MIME-Version: 1.0\r\n"
        f'Content-Type: application/pkcs7-mime; smime-type={smime_type}; name="smime.p7m"\r\n'
        'Content-Disposition: attachment; filename="smime.p7m"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    )
    return head.encode() + body


def pkcs7_body(message):
    """The CMS structure (DER or BER) in a base64 application/pkcs7-mime message."""
    return base64.b64decode(b"".join(message[message.index(b"\r\n\r\n") + 4 :].split()))


def with_pkcs7_body(message, der):
    """The message with its headers and another CMS structure as its base64 body."""
    head = message[: message.index(b"\r\n\r\n") + 4]
    return head + base64.encodebytes(der).replace(b"\n", b"\r\n")


def flip_gcm_tag(der):
    """AuthEnvelopedData with one bit of its 16-byte GCM tag (the mac, its last OCTET STRING of 16
    bytes) flipped; OpenSSL's asn1parse finds the offset, whatever BER form the encoder chose."""
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".der") as f:
        f.write(der)
        f.flush()
        listing = openssl("asn1parse", "-inform", "DER", "-in", f.name).decode()
    offset = None
    for line in listing.splitlines():
        if "prim: OCTET STRING" in line and "l=  16" in line:
            start = int(line.split(":", 1)[0])
            header = int(line.split("hl=", 1)[1].split()[0])
            offset = start + header
    assert offset is not None, listing
    altered = bytearray(der)
    altered[offset] ^= 0x01
    return bytes(altered)


def openssl(*arguments):
    result = subprocess.run(["openssl", *arguments], capture_output=True, timeout=300)
    assert result.returncode == 0, (arguments, result.stdout, result.stderr)
    return result.stdout


def test_root_ca():
    return os.path.join(DATA_DIR, "tim", "konnektor", "root-ca.pem")


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


def pop3s_login(account):
    """A POP3S session logged in as `account`; raises poplib.error_proto with the server's -ERR."""
    client = pop3s()
    try:
        client.user(account.address)
        client.pass_(account.password)
        return client
    except poplib.error_proto:
        client.close()
        raise


def pop3s_when_free(account, seconds=10):
    """Logs in once the maildrop lock is free: a session dropped a moment ago may still hold it
    until the server has seen the connection close."""
    deadline = time.time() + seconds
    while True:
        try:
            return pop3s_login(account)
        except poplib.error_proto as e:
            if b"[IN-USE]" not in e.args[0] or time.time() > deadline:
                raise
            time.sleep(0.2)


def move_clock(ms):
    """Moves the server's test clock (tim.test-tools.enabled); callers move it back."""
    post_json("/_tim/v1/test-tools/clock", {"advance_ms": ms})


# what a client module hands the Fachdienst: accounts may send nothing else (but reports); the
# Fachdienst does not look inside, so the scenarios about transport need no real CMS body
SMIME = 'application/pkcs7-mime; smime-type=authEnveloped-data; name="smime.p7m"'


def message(sender, recipient, subject, body, content_type=SMIME):
    """A minimal RFC 5322 message with CRLF line ends, as bytes; S/MIME-typed unless the practice
    software's plaintext (`content_type="text/plain"`) is wanted."""
    lines = [
        f"From: {sender}",
        f"To: {recipient}",
        f"Subject: {subject}",
        f"Message-ID: <{secrets.token_hex(8)}@client.test>",
        "MIME-Version: 1.0",
        f"Content-Type: {content_type}",
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
