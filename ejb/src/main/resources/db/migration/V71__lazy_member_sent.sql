-- Lazy-loading room members (https://spec.matrix.org/v1.11/client-server-api/#lazy-loading-room-members):
-- the member event of each room and member that /sync last sent a device, and the stream position
-- of that response (its next_batch). A later sync leaves the member out as redundant only while it
-- is unchanged and the device has synced from a token at or after sent_at, i.e. has received that
-- response: a lost response makes the server send the member again. Kept in the database so that
-- any node of the cluster may serve a device's next sync; removing the device removes its rows.
CREATE TABLE lazy_member_sent (
    user_id   VARCHAR(255) NOT NULL,
    device_id VARCHAR(255) NOT NULL,
    room_id   VARCHAR(255) NOT NULL,
    member    VARCHAR(255) NOT NULL,
    event_id  VARCHAR(255) NOT NULL,
    sent_at   BIGINT       NOT NULL,
    CONSTRAINT pk_lazy_member_sent PRIMARY KEY (user_id, device_id, room_id, member),
    CONSTRAINT fk_lazy_member_sent_device FOREIGN KEY (user_id, device_id)
        REFERENCES device (user_id, device_id) ON DELETE CASCADE
);
