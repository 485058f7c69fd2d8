-- A counter on the room that every change of its state (a state event, the redaction of one) raises
-- in the transaction that makes the change. Nodes keep the state a message is authorised against in
-- memory, tagged with this counter, and reuse it only while the room's row, read under its lock,
-- still carries the same value: a cache that another node's write invalidates through the database.
ALTER TABLE room ADD COLUMN state_version BIGINT NOT NULL DEFAULT 0;
