-- Reports and absence notes for senders at other Fachdienste travel through the relay queue with
-- the null reverse-path (MAIL FROM:<>, RFC 5321 §4.5.5, RFC 3464, RFC 3834 §3.3): no sender.
ALTER TABLE kim_relay_queue ALTER COLUMN sender DROP NOT NULL;
