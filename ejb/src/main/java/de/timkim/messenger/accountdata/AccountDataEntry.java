package de.timkim.messenger.accountdata;

import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.io.StringReader;
import java.util.Objects;

@Entity
@Table(name = "account_data")
@IdClass(AccountDataEntry.Key.class)
public class AccountDataEntry {

  /** room_id of global account data. */
  public static final String GLOBAL = "";

  @Id
  @Column(name = "user_id")
  private String userId;

  @Id
  @Column(name = "room_id")
  private String roomId;

  @Id
  @Column(name = "type")
  private String type;

  @Column(name = "content", nullable = false, length = 1000000)
  private String content;

  @Column(name = "stream_ordering", nullable = false)
  private long streamOrdering;

  protected AccountDataEntry() {}

  AccountDataEntry(String userId, String roomId, String type) {
    this.userId = userId;
    this.roomId = roomId;
    this.type = type;
  }

  void set(JsonObject content, long position) {
    this.content = content.toString();
    this.streamOrdering = position;
  }

  public String userId() {
    return userId;
  }

  public String roomId() {
    return roomId;
  }

  public String type() {
    return type;
  }

  public JsonObject content() {
    return Jsonp.createReader(new StringReader(content)).readObject();
  }

  public long streamOrdering() {
    return streamOrdering;
  }

  /** Composite primary key. */
  public static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    private String userId;
    private String roomId;
    private String type;

    public Key() {}

    public Key(String userId, String roomId, String type) {
      this.userId = userId;
      this.roomId = roomId;
      this.type = type;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(userId, k.userId)
          && Objects.equals(roomId, k.roomId)
          && Objects.equals(type, k.type);
    }

    @Override
    public int hashCode() {
      return Objects.hash(userId, roomId, type);
    }
  }
}
