-- Receipts (https://spec.matrix.org/v1.11/client-server-api/#receipts): the latest receipt of each
-- user per room, type and thread ('' = unthreaded). stream_ordering is the position of the receipt
-- itself (so /sync delivers and wakes on it); event_stream_ordering the position of the event read,
-- which is where unread counts start.
CREATE TABLE receipt (
    room_id               VARCHAR(255) NOT NULL,
    user_id               VARCHAR(255) NOT NULL,
    receipt_type          VARCHAR(64)  NOT NULL,
    thread_id             VARCHAR(255) NOT NULL,
    event_id              VARCHAR(255) NOT NULL,
    event_stream_ordering BIGINT       NOT NULL,
    ts                    BIGINT       NOT NULL,
    stream_ordering       BIGINT       NOT NULL,
    PRIMARY KEY (room_id, user_id, receipt_type, thread_id)
);
CREATE INDEX ix_receipt_stream ON receipt (stream_ordering);
CREATE INDEX ix_receipt_room_stream ON receipt (room_id, stream_ordering);

-- A user's own push rules (https://spec.matrix.org/v1.11/client-server-api/#push-rules), ordered
-- within their kind by priority (higher first).
CREATE TABLE push_rule (
    user_id    VARCHAR(255)     NOT NULL,
    kind       VARCHAR(16)      NOT NULL,
    rule_id    VARCHAR(255)     NOT NULL,
    priority   BIGINT           NOT NULL,
    conditions VARCHAR(100000),
    pattern    VARCHAR(1000),
    actions    VARCHAR(10000)   NOT NULL,
    enabled    BOOLEAN          NOT NULL,
    PRIMARY KEY (user_id, kind, rule_id)
);

-- What a user changed of a server-default rule: enabled and/or actions (NULL = as the default).
CREATE TABLE push_rule_default_change (
    user_id VARCHAR(255)   NOT NULL,
    rule_id VARCHAR(255)   NOT NULL,
    enabled BOOLEAN,
    actions VARCHAR(10000),
    PRIMARY KEY (user_id, rule_id)
);

-- One row per event and member whose push rules said "notify": the source of unread_notifications.
-- Deleted with the event (retention, forgetting), so counts never refer to events that are gone.
CREATE TABLE event_push_action (
    user_id               VARCHAR(255) NOT NULL,
    room_id               VARCHAR(255) NOT NULL,
    event_stream_ordering BIGINT       NOT NULL,
    thread_id             VARCHAR(255) NOT NULL,
    highlight             BOOLEAN      NOT NULL,
    PRIMARY KEY (user_id, room_id, event_stream_ordering),
    CONSTRAINT fk_event_push_action_event FOREIGN KEY (event_stream_ordering)
        REFERENCES room_event (stream_ordering) ON DELETE CASCADE
);
CREATE INDEX ix_event_push_action_event ON event_push_action (event_stream_ordering);
