-- Server side of end-to-end encryption: device keys, one-time and fallback keys, cross-signing
-- keys and signatures, the device-list change stream, to-device messages and key backup.
-- The server stores only public keys and ciphertext; nothing here is room plaintext.

-- A device's identity keys as the client signed them (JSON without "unsigned").
CREATE TABLE device_keys (
    user_id   VARCHAR(255)   NOT NULL,
    device_id VARCHAR(255)   NOT NULL,
    key_json  VARCHAR(65536) NOT NULL,
    CONSTRAINT pk_device_keys PRIMARY KEY (user_id, device_id)
);

-- Each one-time key is handed out once: a claim deletes its row.
CREATE TABLE one_time_key (
    user_id   VARCHAR(255)  NOT NULL,
    device_id VARCHAR(255)  NOT NULL,
    algorithm VARCHAR(64)   NOT NULL,
    key_id    VARCHAR(255)  NOT NULL,
    key_json  VARCHAR(8192) NOT NULL,
    CONSTRAINT pk_one_time_key PRIMARY KEY (user_id, device_id, algorithm, key_id)
);

-- One fallback key per device and algorithm, handed out when no one-time key is left.
CREATE TABLE fallback_key (
    user_id   VARCHAR(255)  NOT NULL,
    device_id VARCHAR(255)  NOT NULL,
    algorithm VARCHAR(64)   NOT NULL,
    key_id    VARCHAR(255)  NOT NULL,
    key_json  VARCHAR(8192) NOT NULL,
    used      BOOLEAN       NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_fallback_key PRIMARY KEY (user_id, device_id, algorithm)
);

-- key_type: master, self_signing, user_signing
CREATE TABLE cross_signing_key (
    user_id    VARCHAR(255)  NOT NULL,
    key_type   VARCHAR(16)   NOT NULL,
    public_key VARCHAR(255)  NOT NULL,
    key_json   VARCHAR(65536) NOT NULL,
    CONSTRAINT pk_cross_signing_key PRIMARY KEY (user_id, key_type)
);

-- Signatures uploaded with /keys/signatures/upload: signer's key signs a target user's device
-- key or cross-signing key (target_key_id is a device ID or a public key).
CREATE TABLE key_signature (
    signer_user_id VARCHAR(255) NOT NULL,
    signer_key_id  VARCHAR(255) NOT NULL,
    target_user_id VARCHAR(255) NOT NULL,
    target_key_id  VARCHAR(255) NOT NULL,
    signature      VARCHAR(255) NOT NULL,
    CONSTRAINT pk_key_signature PRIMARY KEY (signer_user_id, signer_key_id, target_user_id, target_key_id)
);
CREATE INDEX ix_key_signature_target ON key_signature (target_user_id, target_key_id);

-- A user's devices or keys changed at this stream position (/sync device_lists, /keys/changes).
CREATE TABLE device_list_change (
    stream_ordering BIGINT       NOT NULL,
    user_id         VARCHAR(255) NOT NULL,
    CONSTRAINT pk_device_list_change PRIMARY KEY (stream_ordering, user_id)
);
CREATE INDEX ix_device_list_change_user ON device_list_change (user_id, stream_ordering);

-- Messages to one device, deleted once that device syncs with a token past them.
CREATE TABLE to_device_message (
    stream_ordering  BIGINT           NOT NULL,
    recipient_user   VARCHAR(255)     NOT NULL,
    recipient_device VARCHAR(255)     NOT NULL,
    sender           VARCHAR(255)     NOT NULL,
    type             VARCHAR(255)     NOT NULL,
    content          VARCHAR(1000000) NOT NULL,
    CONSTRAINT pk_to_device_message PRIMARY KEY (recipient_user, recipient_device, stream_ordering, sender, type)
);
CREATE INDEX ix_to_device_message_stream ON to_device_message (stream_ordering);

-- Transaction IDs of /sendToDevice per sending device, so a retried request is not sent twice.
CREATE TABLE to_device_txn (
    user_id    VARCHAR(255) NOT NULL,
    device_id  VARCHAR(255) NOT NULL,
    txn_id     VARCHAR(255) NOT NULL,
    created_at BIGINT       NOT NULL,
    CONSTRAINT pk_to_device_txn PRIMARY KEY (user_id, device_id, txn_id)
);

-- Server-side key backup: versions per user (the newest not deleted one is current) and the
-- encrypted session keys of each version.
CREATE TABLE room_key_backup_version (
    user_id   VARCHAR(255)   NOT NULL,
    version   BIGINT         NOT NULL,
    algorithm VARCHAR(255)   NOT NULL,
    auth_data VARCHAR(65536) NOT NULL,
    etag      BIGINT         NOT NULL,
    deleted   BOOLEAN        NOT NULL DEFAULT FALSE,
    CONSTRAINT pk_room_key_backup_version PRIMARY KEY (user_id, version)
);

CREATE TABLE room_key_backup (
    user_id             VARCHAR(255)   NOT NULL,
    version             BIGINT         NOT NULL,
    room_id             VARCHAR(255)   NOT NULL,
    session_id          VARCHAR(255)   NOT NULL,
    first_message_index BIGINT         NOT NULL,
    forwarded_count     BIGINT         NOT NULL,
    is_verified         BOOLEAN        NOT NULL,
    session_data        VARCHAR(65536) NOT NULL,
    CONSTRAINT pk_room_key_backup PRIMARY KEY (user_id, version, room_id, session_id)
);
