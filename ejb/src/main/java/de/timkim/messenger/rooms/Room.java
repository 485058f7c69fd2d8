package de.timkim.messenger.rooms;

import de.timkim.messenger.events.RoomVersion;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "room")
public class Room {

  @Id
  @Column(name = "room_id")
  private String roomId;

  @Column(name = "room_version", nullable = false)
  private String roomVersion;

  @Column(name = "creator", nullable = false)
  private String creator;

  @Column(name = "server_name", nullable = false)
  private String serverName;

  @Column(name = "created_at", nullable = false)
  private long createdAt;

  @Column(name = "is_public", nullable = false)
  private boolean isPublic;

  @Column(name = "state_version", nullable = false)
  private long stateVersion;

  protected Room() {}

  Room(
      String roomId,
      RoomVersion version,
      String creator,
      String serverName,
      long createdAt,
      boolean isPublic) {
    this.roomId = roomId;
    this.roomVersion = version.id();
    this.creator = creator;
    this.serverName = serverName;
    this.createdAt = createdAt;
    this.isPublic = isPublic;
  }

  public String roomId() {
    return roomId;
  }

  public RoomVersion version() {
    return RoomVersion.of(roomVersion);
  }

  public String serverName() {
    return serverName;
  }

  public boolean isPublic() {
    return isPublic;
  }

  /** Raised with every change of the room's state, see {@link MessageStateCache}. */
  long stateVersion() {
    return stateVersion;
  }

  void stateChanged() {
    stateVersion++;
  }

  /** Lists the room in (or removes it from) the public room directory. */
  public void list(boolean isPublic) {
    this.isPublic = isPublic;
  }
}
