-- KIM Fachdienst: accounts (one per KIM address) and their mailboxes. A mailbox entry points at a
-- blob in the mail store (kim.mail.store-path); one accepted message to several local recipients
-- is stored once and referenced by one row per recipient.

CREATE TABLE kim_account (
    address          VARCHAR(254)  PRIMARY KEY,
    password_hash    VARCHAR(255)  NOT NULL,
    state            VARCHAR(20)   NOT NULL,
    created_at       BIGINT        NOT NULL,
    deregistered_at  BIGINT
);

CREATE TABLE kim_message (
    uid           VARCHAR(64)   PRIMARY KEY,
    recipient     VARCHAR(254)  NOT NULL REFERENCES kim_account (address),
    sender        VARCHAR(254)  NOT NULL,
    blob_key      VARCHAR(255)  NOT NULL,
    size_bytes    BIGINT        NOT NULL,
    received_at   BIGINT        NOT NULL
);
CREATE INDEX ix_kim_message_recipient ON kim_message (recipient, received_at);
CREATE INDEX ix_kim_message_blob ON kim_message (blob_key);
