-- Security review, finding 12: a first TOTP enrolment is single-use and expires 10 minutes after
-- it was started, so the time it was handed out is kept. Unconfirmed secrets of older versions have
-- no start time and count as expired.
ALTER TABLE admin_account ADD COLUMN totp_enrolment_started_at BIGINT;
