-- Which events refer to which local media (mxc:// URIs in the content of non-state events), so
-- that redaction and retention can delete media no remaining event uses. Encrypted events hide
-- their URIs from the server and are not listed; their media stays until its uploader's media
-- is removed otherwise.
CREATE TABLE event_media (
    event_id    VARCHAR(255) NOT NULL,
    server_name VARCHAR(255) NOT NULL,
    media_id    VARCHAR(255) NOT NULL,
    CONSTRAINT pk_event_media PRIMARY KEY (event_id, server_name, media_id)
);
CREATE INDEX ix_event_media_media ON event_media (server_name, media_id);
