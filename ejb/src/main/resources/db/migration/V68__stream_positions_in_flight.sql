-- Message sends no longer hold the stream_head row lock until they commit: they claim a position
-- in a short transaction of their own, which records the claim here, and delete the claim in
-- their own transaction, so it disappears exactly when the event becomes visible (or is released
-- after a rollback). /sync reads "persisted up to" = the lowest open claim - 1, or stream_head when
-- none is open, so it never skips a position that is claimed but not yet committed.
-- claimed_at (epoch ms) lets a claim left behind by a crashed node expire after the transaction
-- timeout instead of holding the watermark back forever.
CREATE TABLE stream_in_flight (
    first_position BIGINT PRIMARY KEY,
    claimed_at     BIGINT NOT NULL
);
