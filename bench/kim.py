"""KIM benchmark client (bench/README.md, run by bench/kim): one program measures the
TIM-KIM Fachdienst and a Postfix + Dovecot reference in the same run with the same messages.

For every server: C connections at once, each implicit TLS + AUTH, then its share of the N
signed-and-encrypted S/MIME messages (SMTP); then C connections at once, each USER/PASS, RETR and
DELE of every message in one mailbox, QUIT (POP3). Workers are processes, so the client's own
Python work (TLS, line splitting) runs on as many cores as there are connections.

Usage: kim.py MESSAGE_DIR SERVERS_JSON, SERVERS_JSON being a list of
{"name", "smtps_port", "pop3s_port", "delivered" (optional: a directory whose */*/new/ files are
the delivered messages, for servers that answer 250 before delivery)}.
"""

import email.utils
import glob
import json
import multiprocessing
import os
import poplib
import secrets
import smtplib
import ssl
import sys
import time

HOST = "127.0.0.1"
CONCURRENCY = int(os.environ.get("BENCH_KIM_CONNECTIONS", "4"))
WARMUP = int(os.environ.get("BENCH_KIM_WARMUP", "8"))
PASSWORD = os.environ.get("BENCH_KIM_PASSWORD", "bench-kim-password")
SENDER_DOMAIN = "bench-a.kim.test"
RECIPIENT_DOMAIN = "bench-b.kim.test"


def senders():
    return [f"sender-{i}@{SENDER_DOMAIN}" for i in range(CONCURRENCY)]


def recipients():
    return [f"recipient-{i}@{RECIPIENT_DOMAIN}" for i in range(CONCURRENCY)]


def tls():
    # Both servers use throw-away self-signed certificates; the bench measures, it does not trust.
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def message(body_path, sender, recipient):
    """The KIM outer message: a few headers and the base64 CMS AuthEnvelopedData (AES-256-GCM, KIM 1.5) made by openssl."""
    with open(body_path, "rb") as f:
        body = f.read()
    head = [
        f"From: {sender}",
        f"To: {recipient}",
        "Subject: KOM-LE-Nachricht",
        f"Date: {email.utils.formatdate()}",
        f"Message-ID: <{secrets.token_hex(12)}@bench.kim.test>",
        "X-KIM-Dienstkennung: KIM-Mail;Default;V1.0",
        "MIME-Version: 1.0",
        'Content-Type: application/pkcs7-mime; smime-type=authEnveloped-data; name="smime.p7m"',
        'Content-Disposition: attachment; filename="smime.p7m"',
        "Content-Transfer-Encoding: base64",
        "",
        "",
    ]
    return "\r\n".join(head).encode() + body


def send_share(args):
    """One SMTP connection: implicit TLS, AUTH, then each of its messages; returns bytes sent."""
    port, sender, recipient, bodies = args
    sent = 0
    with smtplib.SMTP_SSL(HOST, port, context=tls(), timeout=600) as smtp:
        smtp.ehlo("bench.client.test")
        smtp.login(sender, PASSWORD)
        for path in bodies:
            data = message(path, sender, recipient)
            refused = smtp.sendmail(sender, [recipient], data)
            assert not refused, refused
            sent += len(data)
    return sent


def fetch_all(args):
    """One POP3 connection: implicit TLS, USER/PASS, RETR + DELE of everything, QUIT."""
    port, recipient, expected = args
    pop = poplib.POP3_SSL(HOST, port, context=tls(), timeout=600)
    pop.user(recipient)
    pop.pass_(PASSWORD)
    count, _ = pop.stat()
    assert count == expected, f"{recipient}: {count} messages, expected {expected}"
    received = 0
    for number in range(1, count + 1):
        _, lines, octets = pop.retr(number)
        assert b"smime-type=authEnveloped-data" in b"\r\n".join(lines[:40]), "not the S/MIME message"
        received += octets
        pop.dele(number)
    pop.quit()
    return received


def delivered_count(directory):
    return len(glob.glob(os.path.join(directory, "*", "*", "new", "*")))


def run_smtp(pool, server, bodies):
    shares = [bodies[i::CONCURRENCY] for i in range(CONCURRENCY)]
    jobs = [
        (server["smtps_port"], s, r, share) for s, r, share in zip(senders(), recipients(), shares)
    ]
    start = time.monotonic()
    sent = sum(pool.map(send_share, jobs, chunksize=1))
    accepted = time.monotonic() - start
    delivered = accepted
    if server.get("delivered"):
        # Postfix says 250 when the message is safely in its queue; the mailbox copy comes later.
        while delivered_count(server["delivered"]) < len(bodies):
            if time.monotonic() - start > 600:
                raise RuntimeError(server["name"] + ": messages not delivered within 600 s")
            time.sleep(0.02)
        delivered = time.monotonic() - start
    return {"shares": [len(s) for s in shares], "bytes": sent, "accepted": accepted, "delivered": delivered}


def run_pop3(pool, server, shares):
    jobs = [(server["pop3s_port"], r, n) for r, n in zip(recipients(), shares)]
    start = time.monotonic()
    received = sum(pool.map(fetch_all, jobs, chunksize=1))
    return {"bytes": received, "seconds": time.monotonic() - start}


def main():
    message_dir, servers = sys.argv[1], json.loads(sys.argv[2])
    bodies = sorted(glob.glob(os.path.join(message_dir, "*.b64")))
    warm = bodies[: min(WARMUP, len(bodies))]
    results = {s["name"]: {} for s in servers}
    with multiprocessing.Pool(CONCURRENCY) as pool:
        # Warm-up (untimed): the JVM compiles its hot paths, both fill their caches.
        for server in servers:
            if warm:
                shares = run_smtp(pool, server, warm)["shares"]
                run_pop3(pool, server, shares)
        # Measured: SMTP of both, then POP3 of both, so a load change on the machine hits both.
        for server in servers:
            results[server["name"]]["smtp"] = run_smtp(pool, server, bodies)
        for server in servers:
            results[server["name"]]["pop3"] = run_pop3(
                pool, server, results[server["name"]]["smtp"]["shares"]
            )
    report(servers, results, len(bodies))


def report(servers, results, count):
    mib = 1024 * 1024
    wire = results[servers[0]["name"]]["smtp"]["bytes"] / count
    print(
        f"\n{count} messages, {wire / mib:.2f} MiB each on the wire (1 MiB plaintext, signed + "
        f"encrypted S/MIME), {CONCURRENCY} connections, {WARMUP} warm-up messages per server\n"
    )
    rows = []
    for server in servers:
        r = results[server["name"]]
        rows.append(
            (
                server["name"],
                count / r["smtp"]["accepted"],
                r["smtp"]["bytes"] / mib / r["smtp"]["accepted"],
                count / r["smtp"]["delivered"],
                count / r["pop3"]["seconds"],
                r["pop3"]["bytes"] / mib / r["pop3"]["seconds"],
            )
        )
    header = ("", "SMTP msg/s", "SMTP MiB/s", "SMTP to mailbox msg/s", "POP3 msg/s", "POP3 MiB/s")
    print("".join(f"{h:>24}" for h in header))
    for row in rows:
        print(f"{row[0]:>24}" + "".join(f"{v:>24.2f}" for v in row[1:]))
    if len(rows) == 2:
        ratio = [a / b for a, b in zip(rows[0][1:], rows[1][1:])]
        print(f"{'ratio':>24}" + "".join(f"{v:>24.2f}" for v in ratio))
    print(
        "\n'SMTP msg/s': until the last 250. 'SMTP to mailbox': until every message is in its"
        " mailbox (TIM-KIM answers 250 only then; Postfix queues first and delivers afterwards)."
    )


if __name__ == "__main__":
    main()
