-- GET /rooms/{roomId}/timestamp_to_event ("jump to date") looks up a room's events by time; the
-- global index on origin_server_ts alone would walk through every other room's events of that time
CREATE INDEX ix_room_event_room_ts ON room_event (room_id, origin_server_ts);
