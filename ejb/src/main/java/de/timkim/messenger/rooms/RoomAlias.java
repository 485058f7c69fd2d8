package de.timkim.messenger.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "room_alias")
public class RoomAlias {

  @Id
  @Column(name = "alias")
  private String alias;

  @Column(name = "room_id", nullable = false)
  private String roomId;

  @Column(name = "creator", nullable = false)
  private String creator;

  protected RoomAlias() {}

  RoomAlias(String alias, String roomId, String creator) {
    this.alias = alias;
    this.roomId = roomId;
    this.creator = creator;
  }

  public String roomId() {
    return roomId;
  }

  public String creator() {
    return creator;
  }
}
