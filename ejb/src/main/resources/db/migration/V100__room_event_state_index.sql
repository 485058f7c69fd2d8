-- history visibility reads a room's m.room.history_visibility events and one user's member events
-- on every /messages, /context, /event and initial /sync: without this index each read scanned the
-- whole room's events
CREATE INDEX ix_room_event_state ON room_event (room_id, type, state_key, stream_ordering);
