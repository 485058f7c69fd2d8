-- Per messenger service: after how many months events and media are deleted (0 = never);
-- no row means the TI-M default of 6 months.
CREATE TABLE retention_policy (
    server_name VARCHAR(255) PRIMARY KEY,
    months      INTEGER      NOT NULL
);
-- Leases of jobs that must run on one cluster node at a time (retention, expiry).
CREATE TABLE cluster_job (
    job_name     VARCHAR(255) PRIMARY KEY,
    locked_by    VARCHAR(255),
    locked_until BIGINT       NOT NULL
);
CREATE INDEX ix_room_event_ts ON room_event (origin_server_ts);
