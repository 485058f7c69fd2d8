package de.timkim.messenger.events;

import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.io.StringReader;
import java.util.Optional;

/** One event of a room as stored: the full PDU plus the columns queries need. */
@Entity
@Table(name = "room_event")
public class StoredEvent {

  @Id
  @Column(name = "stream_ordering")
  private long streamOrdering;

  @Column(name = "event_id", nullable = false)
  private String eventId;

  @Column(name = "room_id", nullable = false)
  private String roomId;

  @Column(name = "type", nullable = false)
  private String type;

  @Column(name = "state_key")
  private String stateKey;

  @Column(name = "sender", nullable = false)
  private String sender;

  @Column(name = "origin_server_ts", nullable = false)
  private long originServerTs;

  @Column(name = "depth", nullable = false)
  private long depth;

  @Column(name = "pdu", nullable = false, length = 1000000)
  private String pdu;

  @Column(name = "redacted_by")
  private String redactedBy;

  /** Read-only view of {@code replaces_state}: the state event this one replaced, if any. */
  @ManyToOne(fetch = FetchType.EAGER)
  @JoinColumn(
      name = "replaces_state",
      referencedColumnName = "event_id",
      insertable = false,
      updatable = false)
  private StoredEvent replaced;

  @Column(name = "replaces_state")
  private String replacesState;

  @Column(name = "txn_device")
  private String txnDevice;

  @Column(name = "relates_to")
  private String relatesTo;

  @Column(name = "rel_type")
  private String relType;

  @Column(name = "txn_id")
  private String txnId;

  protected StoredEvent() {}

  public StoredEvent(
      long streamOrdering, String eventId, JsonObject pdu, String txnDevice, String txnId) {
    this.streamOrdering = streamOrdering;
    this.eventId = eventId;
    this.roomId = pdu.getString("room_id");
    this.type = pdu.getString("type");
    this.stateKey = pdu.containsKey("state_key") ? pdu.getString("state_key") : null;
    this.sender = pdu.getString("sender");
    this.originServerTs = pdu.getJsonNumber("origin_server_ts").longValue();
    this.depth = pdu.getJsonNumber("depth").longValue();
    this.pdu = pdu.toString();
    this.txnDevice = txnDevice;
    this.txnId = txnId;
    if (pdu.getJsonObject("content").get("m.relates_to") instanceof JsonObject relation
        && relation.get("event_id") instanceof JsonString target
        && relation.get("rel_type") instanceof JsonString type) {
      this.relatesTo = target.getString();
      this.relType = type.getString();
    }
  }

  public long streamOrdering() {
    return streamOrdering;
  }

  public String eventId() {
    return eventId;
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

  public boolean isState() {
    return stateKey != null;
  }

  public String sender() {
    return sender;
  }

  public long originServerTs() {
    return originServerTs;
  }

  public long depth() {
    return depth;
  }

  public JsonObject pdu() {
    return Jsonp.createReader(new StringReader(pdu)).readObject();
  }

  public JsonObject content() {
    return pdu().getJsonObject("content");
  }

  public String redactedBy() {
    return redactedBy;
  }

  /** The state event this one replaced (set when stored), for unsigned.prev_content. */
  public Optional<StoredEvent> replaced() {
    return Optional.ofNullable(replaced);
  }

  public String replacesState() {
    return replacesState;
  }

  public void replacesState(String eventId) {
    this.replacesState = eventId;
  }

  public String txnDevice() {
    return txnDevice;
  }

  public String txnId() {
    return txnId;
  }

  /** Replaces the stored PDU by its redacted form: the content is gone from the database. */
  public void redact(JsonObject redactedPdu, String redactionEventId) {
    this.pdu = redactedPdu.toString();
    this.redactedBy = redactionEventId;
    // the relation was part of the content (e.g. an edit): a redacted event relates to nothing
    this.relatesTo = null;
    this.relType = null;
  }
}
