-- /sync asks whether anyone's presence setting changed since the token; without this index that
-- question read the whole account_data table on every incremental sync
CREATE INDEX ix_account_data_type_stream ON account_data (type, stream_ordering);
