-- Organisations, their messenger services (one Matrix server name each) and the portal admins
-- bound to one organisation. The operator organisation holds the configured fixed server names
-- and the first portal account.

CREATE TABLE organisation (
    id             VARCHAR(64)  PRIMARY KEY,
    name           VARCHAR(255) NOT NULL,
    telematik_id   VARCHAR(128),
    operator       BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at     BIGINT       NOT NULL,
    CONSTRAINT uq_organisation_telematik_id UNIQUE (telematik_id)
);
INSERT INTO organisation (id, name, operator, created_at) VALUES ('operator', 'Betreiber', TRUE, 0);

-- Never deleted: a server name once given out stays taken (user IDs and events carry it), which
-- also lets every node cache the names it has seen.
CREATE TABLE messenger_service (
    server_name     VARCHAR(255) PRIMARY KEY,
    organisation_id VARCHAR(64)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    CONSTRAINT fk_messenger_service_organisation FOREIGN KEY (organisation_id) REFERENCES organisation (id)
);
CREATE INDEX ix_messenger_service_organisation ON messenger_service (organisation_id);

ALTER TABLE admin_account ADD COLUMN organisation_id VARCHAR(64) NOT NULL DEFAULT 'operator';
-- RFC 6238 second factor: the shared secret (base32) and the last time step accepted (no replay).
ALTER TABLE admin_account ADD COLUMN totp_secret VARCHAR(64);
ALTER TABLE admin_account ADD COLUMN totp_confirmed BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE admin_account ADD COLUMN totp_last_step BIGINT;

-- Users an admin added in the portal; the Matrix account follows when the user redeems the
-- registration code issued for them.
CREATE TABLE organisation_user (
    user_id      VARCHAR(255) PRIMARY KEY,
    server_name  VARCHAR(255) NOT NULL,
    display_name VARCHAR(255),
    created_at   BIGINT       NOT NULL
);
CREATE INDEX ix_organisation_user_server ON organisation_user (server_name);

-- A code issued in the portal is for one added user: only that user ID can register with it, and
-- the account starts with the display name the admin gave.
ALTER TABLE registration_token ADD COLUMN user_id VARCHAR(255);
ALTER TABLE registration_token ADD COLUMN display_name VARCHAR(255);
