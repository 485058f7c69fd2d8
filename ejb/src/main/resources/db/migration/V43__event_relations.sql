-- m.relates_to of each event (https://spec.matrix.org/v1.11/client-server-api/#forming-relationships-between-events),
-- for GET /v1/rooms/{roomId}/relations/{eventId}; cleared when the relating event is redacted.
ALTER TABLE room_event ADD COLUMN relates_to VARCHAR(255);
ALTER TABLE room_event ADD COLUMN rel_type VARCHAR(255);
CREATE INDEX ix_room_event_relates ON room_event (relates_to, stream_ordering);
