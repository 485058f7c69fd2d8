-- Typing notifications (https://spec.matrix.org/v1.11/client-server-api/#typing-notifications):
-- one row per user and room. typing_until is the Clock time the notice ends (0: stopped); expiry is
-- computed when reading and written back by a cluster job, which moves stream_ordering so /sync
-- long polls on every node see a notice end.
CREATE TABLE typing_notification (
    room_id         VARCHAR(255) NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    typing_until    BIGINT       NOT NULL,
    stream_ordering BIGINT       NOT NULL,
    CONSTRAINT pk_typing_notification PRIMARY KEY (room_id, user_id)
);
CREATE INDEX ix_typing_notification_stream ON typing_notification (stream_ordering);
CREATE INDEX ix_typing_notification_until ON typing_notification (typing_until);

-- Presence (https://spec.matrix.org/v1.11/client-server-api/#presence): the state a user set or
-- their /sync implied, when they were last active, and the stream position of the last change.
CREATE TABLE user_presence (
    user_id         VARCHAR(255)  NOT NULL,
    presence        VARCHAR(16)   NOT NULL,
    status_msg      VARCHAR(1024),
    last_active_ts  BIGINT        NOT NULL,
    stream_ordering BIGINT        NOT NULL,
    CONSTRAINT pk_user_presence PRIMARY KEY (user_id)
);
CREATE INDEX ix_user_presence_stream ON user_presence (stream_ordering);
