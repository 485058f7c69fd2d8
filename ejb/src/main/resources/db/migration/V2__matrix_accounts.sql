-- Matrix accounts, devices, tokens and user-interactive authentication sessions.

CREATE TABLE matrix_user (
    user_id       VARCHAR(255) PRIMARY KEY,
    server_name   VARCHAR(255) NOT NULL,
    localpart     VARCHAR(255) NOT NULL,
    password_hash VARCHAR(255),
    displayname   VARCHAR(255),
    avatar_url    VARCHAR(1024),
    created_at    BIGINT       NOT NULL,
    deactivated   BOOLEAN      NOT NULL DEFAULT FALSE
);
CREATE INDEX ix_matrix_user_server ON matrix_user (server_name);

CREATE TABLE device (
    user_id      VARCHAR(255) NOT NULL,
    device_id    VARCHAR(255) NOT NULL,
    display_name VARCHAR(255),
    created_at   BIGINT       NOT NULL,
    last_seen_ts BIGINT,
    last_seen_ip VARCHAR(64),
    CONSTRAINT pk_device PRIMARY KEY (user_id, device_id)
);

-- Tokens are stored as SHA-256 hashes: a database dump does not hand out sessions.
CREATE TABLE access_token (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    user_id     VARCHAR(255) NOT NULL,
    device_id   VARCHAR(255) NOT NULL,
    created_at  BIGINT       NOT NULL,
    expires_at  BIGINT
);
CREATE INDEX ix_access_token_device ON access_token (user_id, device_id);

CREATE TABLE refresh_token (
    token_hash  VARCHAR(64)  PRIMARY KEY,
    user_id     VARCHAR(255) NOT NULL,
    device_id   VARCHAR(255) NOT NULL,
    created_at  BIGINT       NOT NULL,
    used_at     BIGINT
);
CREATE INDEX ix_refresh_token_device ON refresh_token (user_id, device_id);

-- The organisation's one-time "Benutzereinführungscode" (m.login.registration_token).
CREATE TABLE registration_token (
    token        VARCHAR(64)  PRIMARY KEY,
    server_name  VARCHAR(255) NOT NULL,
    uses_allowed INT,
    pending      INT          NOT NULL DEFAULT 0,
    completed    INT          NOT NULL DEFAULT 0,
    expiry_time  BIGINT,
    created_at   BIGINT       NOT NULL
);

-- User-interactive authentication sessions live in the database so any cluster node can continue one.
CREATE TABLE uia_session (
    session_id      VARCHAR(64)  PRIMARY KEY,
    purpose         VARCHAR(64)  NOT NULL,
    user_id         VARCHAR(255),
    completed       VARCHAR(1024) NOT NULL DEFAULT '',
    registration_token VARCHAR(64),
    created_at      BIGINT       NOT NULL
);
