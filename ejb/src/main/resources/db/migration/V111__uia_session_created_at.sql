-- UiaSessionPurgeJob deletes expired user-interactive authentication sessions by age.
CREATE INDEX uia_session_created_at ON uia_session (created_at);
