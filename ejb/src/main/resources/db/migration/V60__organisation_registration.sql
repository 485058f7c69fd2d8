-- Self-registration of organisations: the operator issues a registration code with each order;
-- the organisation redeems it by signing a single-use challenge with its SMC-B (C.HCI.AUT).
ALTER TABLE organisation ADD COLUMN profession_oid VARCHAR(64);
-- when the organisation proved its identity with its SMC-B; null for ones the operator set up
ALTER TABLE organisation ADD COLUMN authenticated_at BIGINT;

CREATE TABLE organisation_registration_code (
    code            VARCHAR(64)  PRIMARY KEY,
    order_reference VARCHAR(255),
    issued_by       VARCHAR(128) NOT NULL,
    created_at      BIGINT       NOT NULL,
    expires_at      BIGINT       NOT NULL,
    used_at         BIGINT,
    organisation_id VARCHAR(64)
);

-- A challenge lives in the database so any node can check the answer another node's challenge
-- got; using it is a conditional UPDATE, so two nodes cannot both accept it.
CREATE TABLE organisation_registration_challenge (
    challenge_id VARCHAR(64) PRIMARY KEY,
    code         VARCHAR(64) NOT NULL,
    challenge    VARCHAR(64) NOT NULL,
    created_at   BIGINT      NOT NULL,
    expires_at   BIGINT      NOT NULL,
    used_at      BIGINT
);
CREATE INDEX ix_registration_challenge_code ON organisation_registration_challenge (code);
