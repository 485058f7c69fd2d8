-- Rooms, their events (PDUs), current state, aliases, account data, filters and the stream position.

-- One global, gap-free stream position. Writers increment it inside their transaction, which
-- holds the row lock until commit: positions therefore become visible in order on every node,
-- and a /sync token "everything up to N" never skips an event committed late.
CREATE TABLE stream_head (
    id       INT    PRIMARY KEY,
    position BIGINT NOT NULL
);
INSERT INTO stream_head (id, position) VALUES (1, 0);

CREATE TABLE room (
    room_id      VARCHAR(255) PRIMARY KEY,
    room_version VARCHAR(16)  NOT NULL,
    creator      VARCHAR(255) NOT NULL,
    server_name  VARCHAR(255) NOT NULL,
    created_at   BIGINT       NOT NULL,
    is_public    BOOLEAN      NOT NULL DEFAULT FALSE
);

CREATE TABLE room_event (
    stream_ordering  BIGINT        PRIMARY KEY,
    event_id         VARCHAR(255)  NOT NULL,
    room_id          VARCHAR(255)  NOT NULL,
    type             VARCHAR(255)  NOT NULL,
    state_key        VARCHAR(255),
    sender           VARCHAR(255)  NOT NULL,
    origin_server_ts BIGINT        NOT NULL,
    depth            BIGINT        NOT NULL,
    pdu              VARCHAR(1000000) NOT NULL,
    redacted_by      VARCHAR(255),
    txn_device       VARCHAR(255),
    txn_id           VARCHAR(255),
    CONSTRAINT uq_room_event_id UNIQUE (event_id)
);
CREATE INDEX ix_room_event_room ON room_event (room_id, stream_ordering);
CREATE INDEX ix_room_event_txn ON room_event (sender, txn_device, txn_id);

-- Current state of each room; membership is copied out of m.room.member for the per-user queries.
CREATE TABLE room_state (
    room_id         VARCHAR(255) NOT NULL,
    type            VARCHAR(255) NOT NULL,
    state_key       VARCHAR(255) NOT NULL,
    event_id        VARCHAR(255) NOT NULL,
    stream_ordering BIGINT       NOT NULL,
    membership      VARCHAR(16),
    CONSTRAINT pk_room_state PRIMARY KEY (room_id, type, state_key)
);
CREATE INDEX ix_room_state_member ON room_state (state_key, type, membership);

CREATE TABLE room_alias (
    alias   VARCHAR(255) PRIMARY KEY,
    room_id VARCHAR(255) NOT NULL,
    creator VARCHAR(255) NOT NULL
);
CREATE INDEX ix_room_alias_room ON room_alias (room_id);

-- room_id '' is global account data
CREATE TABLE account_data (
    user_id         VARCHAR(255) NOT NULL,
    room_id         VARCHAR(255) NOT NULL,
    type            VARCHAR(255) NOT NULL,
    content         VARCHAR(1000000) NOT NULL,
    stream_ordering BIGINT       NOT NULL,
    CONSTRAINT pk_account_data PRIMARY KEY (user_id, room_id, type)
);
CREATE INDEX ix_account_data_stream ON account_data (user_id, stream_ordering);

CREATE TABLE user_filter (
    user_id   VARCHAR(255) NOT NULL,
    filter_id BIGINT       NOT NULL,
    definition VARCHAR(65536) NOT NULL,
    CONSTRAINT pk_user_filter PRIMARY KEY (user_id, filter_id)
);
