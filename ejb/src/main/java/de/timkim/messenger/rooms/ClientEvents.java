package de.timkim.messenger.rooms;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.EventTypes;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

/**
 * The client format of events (https://spec.matrix.org/v1.11/client-server-api/#room-event-format):
 * the PDU without its federation fields, with unsigned age, the sender's transaction ID and, for
 * state, the content it replaced.
 */
public final class ClientEvents {

  private ClientEvents() {}

  public static JsonObject toClient(
      StoredEvent event, Requester viewer, long now, boolean withRoomId) {
    JsonObject pdu = event.pdu();
    JsonObjectBuilder out =
        Jsonp.createObjectBuilder()
            .add("event_id", event.eventId())
            .add("type", event.type())
            .add("sender", event.sender())
            .add("origin_server_ts", event.originServerTs())
            .add("content", pdu.getJsonObject("content"));
    if (withRoomId) {
      out.add("room_id", event.roomId());
    }
    if (event.isState()) {
      out.add("state_key", event.stateKey());
    }
    JsonObjectBuilder unsigned =
        Jsonp.createObjectBuilder().add("age", Math.max(0, now - event.originServerTs()));
    if (viewer != null
        && event.txnId() != null
        && event.sender().equals(viewer.userId().toString())
        && event.txnDevice().equals(viewer.deviceId())) {
      unsigned.add("transaction_id", event.txnId());
    }
    if (event.replacesState() != null) {
      unsigned.add("replaces_state", event.replacesState());
      event
          .replaced()
          .ifPresent(
              previous ->
                  unsigned
                      .add("prev_content", previous.content())
                      .add("prev_sender", previous.sender()));
    }
    if (event.redactedBy() != null) {
      unsigned.add(
          "redacted_because", Jsonp.createObjectBuilder().add("event_id", event.redactedBy()));
    }
    if (EventTypes.REDACTION.equals(event.type())) {
      // v11 moved "redacts" into the content; clients of older versions read it at the top level
      String redacts =
          pdu.containsKey("redacts")
              ? pdu.getString("redacts")
              : pdu.getJsonObject("content").getString("redacts", null);
      if (redacts != null) {
        out.add("redacts", redacts);
      }
    }
    return out.add("unsigned", unsigned).build();
  }

  /**
   * The client event of a thread root with the m.thread summary the server bundles with it
   * (https://spec.matrix.org/v1.11/client-server-api/#server-side-aggregation-of-mthread-relationships).
   */
  public static JsonObject withThreadSummary(
      JsonObject root, JsonObject latest, long count, boolean participated) {
    JsonObject thread =
        Jsonp.createObjectBuilder()
            .add("latest_event", latest)
            .add("count", count)
            .add("current_user_participated", participated)
            .build();
    return Jsonp.createObjectBuilder(root)
        .add(
            "unsigned",
            Jsonp.createObjectBuilder(root.getJsonObject("unsigned"))
                .add("m.relations", Jsonp.createObjectBuilder().add("m.thread", thread)))
        .build();
  }

  /**
   * Stripped state for invites (https://spec.matrix.org/v1.11/client-server-api/#stripped-state).
   */
  public static JsonObject stripped(StoredEvent event) {
    return Jsonp.createObjectBuilder()
        .add("type", event.type())
        .add("state_key", event.stateKey())
        .add("sender", event.sender())
        .add("content", event.content())
        .build();
  }
}
