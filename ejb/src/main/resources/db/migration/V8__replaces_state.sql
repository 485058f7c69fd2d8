-- The state event a state event replaced, for unsigned.replaces_state and prev_content
-- (https://spec.matrix.org/v1.11/client-server-api/#room-event-format). The previous content is
-- read through this reference, never copied, so redacting the old event redacts prev_content too.
ALTER TABLE room_event ADD COLUMN replaces_state VARCHAR(255);
