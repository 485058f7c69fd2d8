-- KIM relay to other Fachdienste: messages waiting to be sent on, one row per message and route.
-- The row owns its copy of the message in the mail store (blob_key) until it is sent or bounced.

CREATE TABLE kim_relay_queue (
    id               VARCHAR(64)    PRIMARY KEY,
    sender           VARCHAR(254)   NOT NULL,
    blob_key         VARCHAR(255)   NOT NULL,
    size_bytes       BIGINT         NOT NULL,
    route            VARCHAR(300)   NOT NULL,
    recipients       VARCHAR(20000) NOT NULL,
    envelope_id      VARCHAR(120),
    arrival_at       BIGINT         NOT NULL,
    attempts         INTEGER        NOT NULL,
    next_attempt_at  BIGINT         NOT NULL,
    last_error       VARCHAR(1000)
);
CREATE INDEX ix_kim_relay_queue_due ON kim_relay_queue (next_attempt_at);
