-- Rooms a user left and then forgot: gone from their sync (even with include_leave) and history.
CREATE TABLE room_forgotten (
    user_id VARCHAR(255) NOT NULL,
    room_id VARCHAR(255) NOT NULL,
    CONSTRAINT pk_room_forgotten PRIMARY KEY (user_id, room_id)
);
