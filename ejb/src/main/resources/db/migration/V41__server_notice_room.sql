-- Each user's server-notices room (https://spec.matrix.org/v1.11/client-server-api/#server-notices),
-- created with the first notice; a new one is made if the user has left the old one.
CREATE TABLE server_notice_room (
    user_id VARCHAR(255) PRIMARY KEY,
    room_id VARCHAR(255) NOT NULL
);
