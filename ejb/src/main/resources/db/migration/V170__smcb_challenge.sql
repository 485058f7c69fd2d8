-- One table for the challenges an institution signs with its SMC-B, whichever feature issued them
-- (platform.security.smcb.SmcbChallenges); the KIM account manager's kim_auth_challenge and the
-- organisation registration's organisation_registration_challenge move into it.
CREATE TABLE smcb_challenge (
    challenge_id VARCHAR(64) PRIMARY KEY,
    purpose      VARCHAR(32) NOT NULL,
    subject      VARCHAR(64),
    challenge    VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    used_at      BIGINT
);
CREATE INDEX ix_smcb_challenge_expiry ON smcb_challenge (expires_at);

INSERT INTO smcb_challenge (challenge_id, purpose, subject, challenge, created_at, expires_at, used_at)
SELECT challenge_id, 'organisation-registration', code, challenge, created_at, expires_at, used_at
FROM organisation_registration_challenge;

-- a KIM challenge was its own id and was deleted when used; its creation time was not kept
INSERT INTO smcb_challenge (challenge_id, purpose, subject, challenge, created_at, expires_at, used_at)
SELECT challenge, 'kim-account-manager', NULL, challenge, expires_at, expires_at, NULL
FROM kim_auth_challenge;

DROP TABLE organisation_registration_challenge;
DROP TABLE kim_auth_challenge;
