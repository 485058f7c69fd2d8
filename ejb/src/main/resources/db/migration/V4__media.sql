-- The content repository's metadata; the bytes live in the media store (tim.media.store-path).
-- A row without uploaded_at is an mxc:// URI reserved by POST /_matrix/media/v1/create whose
-- content has not arrived yet; it is removed once unused_expires_at has passed.

CREATE TABLE media (
    server_name       VARCHAR(255)  NOT NULL,
    media_id          VARCHAR(255)  NOT NULL,
    uploader          VARCHAR(255)  NOT NULL,
    created_at        BIGINT        NOT NULL,
    unused_expires_at BIGINT,
    uploaded_at       BIGINT,
    content_type      VARCHAR(255),
    upload_name       VARCHAR(1024),
    media_length      BIGINT,
    sha256            VARCHAR(64),
    blob_key          VARCHAR(512),
    CONSTRAINT pk_media PRIMARY KEY (server_name, media_id)
);
CREATE INDEX ix_media_uploader ON media (uploader, uploaded_at);
CREATE INDEX ix_media_unused_expires ON media (unused_expires_at);
