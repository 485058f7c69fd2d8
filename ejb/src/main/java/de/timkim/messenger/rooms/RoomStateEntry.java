package de.timkim.messenger.rooms;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.Objects;

/** One (type, state_key) of a room's current state. */
@Entity
@Table(name = "room_state")
@IdClass(RoomStateEntry.Key.class)
// named, so Hibernate parses it when the deployment starts: parsed by the first sends after a
// start, concurrently with a cold parser, it held them up for seconds
@NamedQuery(
    name = RoomStateEntry.MESSAGE_AUTH_STATE,
    query =
        "select e from StoredEvent e, RoomStateEntry s where s.roomId = :r"
            + " and e.eventId = s.eventId and ((s.stateKey = '' and s.type in"
            + " ('m.room.create', 'm.room.power_levels'))"
            + " or (s.type = 'm.room.member' and (s.stateKey = :sender"
            + " or s.membership = 'join')))")
public class RoomStateEntry {

  /**
   * The state events a message is authorised against: create, power levels, the sender's membership
   * and every joined member (push rules need their names).
   */
  static final String MESSAGE_AUTH_STATE = "RoomStateEntry.messageAuthState";

  @Id
  @Column(name = "room_id")
  private String roomId;

  @Id
  @Column(name = "type")
  private String type;

  @Id
  @Column(name = "state_key")
  private String stateKey;

  @Column(name = "event_id", nullable = false)
  private String eventId;

  @Column(name = "stream_ordering", nullable = false)
  private long streamOrdering;

  @Column(name = "membership")
  private String membership;

  protected RoomStateEntry() {}

  RoomStateEntry(String roomId, String type, String stateKey) {
    this.roomId = roomId;
    this.type = type;
    this.stateKey = stateKey;
  }

  void point(String eventId, long streamOrdering, String membership) {
    this.eventId = eventId;
    this.streamOrdering = streamOrdering;
    this.membership = membership;
  }

  public String roomId() {
    return roomId;
  }

  public String type() {
    return type;
  }

  public String stateKey() {
    return stateKey;
  }

  public String eventId() {
    return eventId;
  }

  public String membership() {
    return membership;
  }

  public long streamOrdering() {
    return streamOrdering;
  }

  /** Composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String roomId;
    private String type;
    private String stateKey;

    public Key() {}

    public Key(String roomId, String type, String stateKey) {
      this.roomId = roomId;
      this.type = type;
      this.stateKey = stateKey;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(roomId, k.roomId)
          && Objects.equals(type, k.type)
          && Objects.equals(stateKey, k.stateKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(roomId, type, stateKey);
    }
  }
}
