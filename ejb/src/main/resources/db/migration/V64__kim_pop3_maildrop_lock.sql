-- RFC 1939 §8: a POP3 session in the TRANSACTION state holds an exclusive lock on its maildrop.
-- The Fachdienst runs on a cluster, so the lock is a lease row: the session that holds it renews
-- it while it lives; an expired lease (its node died) is taken over; QUIT and disconnect delete it.
CREATE TABLE kim_pop3_maildrop_lock (
    mailbox        VARCHAR(254) PRIMARY KEY,
    owner_node     VARCHAR(255) NOT NULL,
    owner_session  VARCHAR(64)  NOT NULL,
    acquired_at    BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL
);
