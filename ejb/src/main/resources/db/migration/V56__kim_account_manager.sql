-- KIM account manager (gematik I_AccountManager_Service): an account registered by an institution
-- is bound to the Telematik-ID of the SMC-B that authenticated the registration; registration codes
-- (referenceID + initial password) are issued by the operator and redeemed once; SMC-B challenges
-- are single-use and expire, kept here so every cluster node can redeem them.

ALTER TABLE kim_account ADD COLUMN telematik_id VARCHAR(128);
ALTER TABLE kim_account ADD COLUMN kim_version VARCHAR(8);
ALTER TABLE kim_account ADD COLUMN no_vzd_mail_entry BOOLEAN DEFAULT FALSE NOT NULL;
CREATE INDEX ix_kim_account_deregistered ON kim_account (state, deregistered_at);

CREATE TABLE kim_registration_code (
    reference_id          VARCHAR(64)   PRIMARY KEY,
    initial_password_hash VARCHAR(255)  NOT NULL,
    address               VARCHAR(254),
    created_at            BIGINT        NOT NULL,
    expires_at            BIGINT        NOT NULL,
    used_at               BIGINT,
    used_for              VARCHAR(254)
);

CREATE TABLE kim_auth_challenge (
    challenge   VARCHAR(64)  PRIMARY KEY,
    expires_at  BIGINT       NOT NULL
);
CREATE INDEX ix_kim_auth_challenge_expiry ON kim_auth_challenge (expires_at);
