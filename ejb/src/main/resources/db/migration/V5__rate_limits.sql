-- Token buckets shared by all cluster nodes (login attempts per account and per client address).
CREATE TABLE rate_limit_bucket (
    bucket_key VARCHAR(512) PRIMARY KEY,
    tokens     DOUBLE PRECISION NOT NULL,
    updated_at BIGINT           NOT NULL
);
