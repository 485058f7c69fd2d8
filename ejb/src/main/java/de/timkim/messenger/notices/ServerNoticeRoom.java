package de.timkim.messenger.notices;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Which room is a user's server-notices room. */
@Entity
@Table(name = "server_notice_room")
public class ServerNoticeRoom {

  @Id
  @Column(name = "user_id")
  private String userId;

  @Column(name = "room_id", nullable = false)
  private String roomId;

  protected ServerNoticeRoom() {}

  ServerNoticeRoom(String userId, String roomId) {
    this.userId = userId;
    this.roomId = roomId;
  }

  String roomId() {
    return roomId;
  }

  void moveTo(String roomId) {
    this.roomId = roomId;
  }
}
