"""Ten messages of 25 MiB from practice A to hospital B at the same time, each on its own SMTP
connection to A's client module (signed and encrypted through the Konnektor, forwarded to the
Fachdienst), then all fetched by B's client module: every one arrives whole, with a valid signature."""

import concurrent.futures
import unittest

import kimtest
from kimtest import DOMAIN_A, DOMAIN_B, Practice

PRAXIS_OID = "1.2.276.0.76.4.50"
KRANKENHAUS_OID = "1.2.276.0.76.4.53"
PARALLEL = 10
SIZE = 25 * 1024 * 1024


class TenInParallelTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.a = Practice("Parallelpraxis", DOMAIN_A, PRAXIS_OID)
        cls.b = Practice("Parallelklinik", DOMAIN_B, KRANKENHAUS_OID)

    def send(self, number):
        sent = kimtest.message_of_size(self.a.address, self.b.address, SIZE)
        # the same size for all, told apart by the first body line
        marker = b"parallel-%02d" % number
        sent = sent.replace(b"QUJD" * 19, marker + b"A" * (76 - len(marker)), 1)
        assert len(sent) == SIZE
        # large messages take turns for the heap (CryptoMemoryGate): the last waits for nine others
        with self.a.client_module_smtp(timeout=1800) as smtp:
            return marker, smtp.sendmail(self.a.address, [self.b.address], sent)

    def test_ten_messages_of_25_mib_at_once_all_arrive_verified(self):
        with concurrent.futures.ThreadPoolExecutor(max_workers=PARALLEL) as pool:
            results = list(pool.map(self.send, range(PARALLEL)))
        self.assertEqual([{}] * PARALLEL, [refused for _, refused in results])

        pop = self.b.client_module_pop3()
        count, _ = pop.stat()
        self.assertEqual(PARALLEL, count)
        seen = set()
        for number in range(1, count + 1):
            received = b"\r\n".join(pop.retr(number)[1]) + b"\r\n"
            self.assertIn(b"X-KIM-IntegrityCheckResult: valid", received[:4000])
            self.assertGreater(len(received), SIZE)
            body_start = received.index(b"\r\n\r\n", received.index(b"X-KIM-IntegrityCheckResult")) + 4
            seen.add(received[body_start : body_start + len(b"parallel-00")])
            pop.dele(number)
        pop.quit()
        self.assertEqual({marker for marker, _ in results}, seen)


if __name__ == "__main__":
    unittest.main()
