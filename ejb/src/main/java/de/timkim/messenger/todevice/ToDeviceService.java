package de.timkim.messenger.todevice;

import de.timkim.messenger.ServerNames;
import de.timkim.messenger.accounts.DeviceRemoved;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.stream.WakeAfterCommit;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * PUT /sendToDevice and the to-device part of /sync. A request takes one position on the global
 * stream; a device's /sync with a since token at or past that position acknowledges the messages,
 * which are then deleted. Contents are opaque: for E2EE they are Olm ciphertext.
 */
@Stateless
public class ToDeviceService {

  private static final Logger LOG = Logger.getLogger(ToDeviceService.class.getName());

  /** How long a transaction ID is remembered; clients retry within seconds to minutes. */
  static final long TXN_RETENTION_MS = 24 * 60 * 60 * 1000L;

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private WakeAfterCommit wakeAfterCommit;

  @Inject private ServerNames serverNames;

  @Inject private Clock clock;

  @Inject private RateLimiter rateLimiter;

  @Inject
  @ConfigProperty(name = "tim.matrix.to-device.max-message-bytes", defaultValue = "65536")
  int maxMessageBytes;

  /** A message waiting for its device. */
  public record Message(String sender, String type, JsonObject content) {
    public JsonObject toJson() {
      return Jsonp.createObjectBuilder()
          .add("sender", sender)
          .add("type", type)
          .add("content", content)
          .build();
    }
  }

  /**
   * PUT /sendToDevice/{eventType}/{txnId}: {@code messages} maps user IDs to device IDs (or "*" for
   * all of the user's devices) to contents. A repeated transaction ID of the same device sends
   * nothing again.
   */
  public void send(Requester requester, String type, String txnId, JsonObject messages) {
    rateLimiter.spend(RateLimit.TO_DEVICE_PER_USER, requester.userId().toString());
    List<Recipient> recipients = recipients(messages);
    if (!firstTime(requester, txnId)) {
      return;
    }
    Map<String, String> deliveries = deliveries(recipients);
    if (deliveries.isEmpty()) {
      return;
    }
    store(requester, type, deliveries);
    wakeAfterCommit.register();
  }

  /**
   * Records the transaction ID of the sending device; false when it was seen before (a retry),
   * which then sends nothing again.
   */
  private boolean firstTime(Requester requester, String txnId) {
    // the sending device's row serialises its requests, so a retry racing the original waits for
    // it and then finds the transaction ID
    List<?> sender =
        em.createNativeQuery(
                "SELECT device_id FROM device WHERE user_id = ?1 AND device_id = ?2 FOR UPDATE")
            .setParameter(1, requester.userId().toString())
            .setParameter(2, requester.deviceId())
            .getResultList();
    if (sender.isEmpty()) {
      throw new MatrixException(ErrorCode.M_UNKNOWN_TOKEN, "Unknown device");
    }
    boolean seen =
        !em.createNativeQuery(
                "SELECT 1 FROM to_device_txn WHERE user_id = ?1 AND device_id = ?2 AND txn_id = ?3")
            .setParameter(1, requester.userId().toString())
            .setParameter(2, requester.deviceId())
            .setParameter(3, txnId)
            .getResultList()
            .isEmpty();
    if (seen) {
      return false;
    }
    em.createNativeQuery(
            "DELETE FROM to_device_txn WHERE user_id = ?1 AND device_id = ?2 AND created_at < ?3")
        .setParameter(1, requester.userId().toString())
        .setParameter(2, requester.deviceId())
        .setParameter(3, clock.millis() - TXN_RETENTION_MS)
        .executeUpdate();
    em.createNativeQuery(
            "INSERT INTO to_device_txn (user_id, device_id, txn_id, created_at)"
                + " VALUES (?1, ?2, ?3, ?4)")
        .setParameter(1, requester.userId().toString())
        .setParameter(2, requester.deviceId())
        .setParameter(3, txnId)
        .setParameter(4, clock.millis())
        .executeUpdate();
    return true;
  }

  /** "user\ndevice" -> content for every local device a message goes to. */
  private Map<String, String> deliveries(List<Recipient> recipients) {
    Map<String, String> deliveries = new LinkedHashMap<>();
    Set<String> local = Set.copyOf(serverNames.all());
    for (Recipient recipient : recipients) {
      if (!local.contains(recipient.userId().serverName())) {
        // no federation yet: nothing can carry it there
        LOG.fine(() -> "To-device message for remote user " + recipient.userId() + " not sent");
        continue;
      }
      String user = recipient.userId().toString();
      for (String device : devices(user, recipient.deviceId())) {
        // an explicit device ID wins over "*" for the same device
        String key = user + "\n" + device;
        if (!"*".equals(recipient.deviceId()) || !deliveries.containsKey(key)) {
          deliveries.put(key, recipient.content());
        }
      }
    }
    return deliveries;
  }

  /** All of one request's messages take one position on the global stream. */
  private void store(Requester requester, String type, Map<String, String> deliveries) {
    long position = events.allocatePositions(1);
    for (Map.Entry<String, String> delivery : deliveries.entrySet()) {
      String[] target = delivery.getKey().split("\n", 2);
      em.createNativeQuery(
              "INSERT INTO to_device_message (stream_ordering, recipient_user, recipient_device,"
                  + " sender, type, content) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
          .setParameter(1, position)
          .setParameter(2, target[0])
          .setParameter(3, target[1])
          .setParameter(4, requester.userId().toString())
          .setParameter(5, type)
          .setParameter(6, delivery.getValue())
          .executeUpdate();
    }
  }

  private record Recipient(UserId userId, String deviceId, String content) {}

  private List<Recipient> recipients(JsonObject messages) {
    List<Recipient> recipients = new ArrayList<>();
    for (Map.Entry<String, JsonValue> byUser : messages.entrySet()) {
      UserId userId = UserId.parse(byUser.getKey());
      if (byUser.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
        throw new MatrixException(
            ErrorCode.M_BAD_JSON, "messages." + byUser.getKey() + " must be an object");
      }
      for (Map.Entry<String, JsonValue> byDevice : byUser.getValue().asJsonObject().entrySet()) {
        if (byDevice.getValue().getValueType() != JsonValue.ValueType.OBJECT) {
          throw new MatrixException(ErrorCode.M_BAD_JSON, "A to-device content must be an object");
        }
        String content = byDevice.getValue().toString();
        if (content.getBytes(StandardCharsets.UTF_8).length > maxMessageBytes) {
          throw new MatrixException(
              ErrorCode.M_TOO_LARGE,
              "A to-device message may have at most " + maxMessageBytes + " bytes");
        }
        recipients.add(new Recipient(userId, byDevice.getKey(), content));
      }
    }
    return recipients;
  }

  @SuppressWarnings("unchecked")
  private List<String> devices(String user, String deviceId) {
    if ("*".equals(deviceId)) {
      return em.createNativeQuery("SELECT device_id FROM device WHERE user_id = ?1")
          .setParameter(1, user)
          .getResultList();
    }
    return em.createNativeQuery(
            "SELECT device_id FROM device WHERE user_id = ?1 AND device_id = ?2")
        .setParameter(1, user)
        .setParameter(2, deviceId)
        .getResultList();
  }

  /**
   * The device's messages after {@code since} up to {@code upTo}, oldest first. Those at or below
   * {@code since} were in an earlier answer the client has now confirmed by sending that token, so
   * they are deleted first.
   */
  public List<Message> deliver(Requester requester, Long since, long upTo) {
    String user = requester.userId().toString();
    if (since != null) {
      em.createNativeQuery(
              "DELETE FROM to_device_message WHERE recipient_user = ?1 AND recipient_device = ?2"
                  + " AND stream_ordering <= ?3")
          .setParameter(1, user)
          .setParameter(2, requester.deviceId())
          .setParameter(3, since)
          .executeUpdate();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "SELECT sender, type, content FROM to_device_message WHERE recipient_user = ?1"
                    + " AND recipient_device = ?2 AND stream_ordering > ?3 AND stream_ordering <= ?4"
                    + " ORDER BY stream_ordering, sender, type")
            .setParameter(1, user)
            .setParameter(2, requester.deviceId())
            .setParameter(3, since == null ? -1L : since)
            .setParameter(4, upTo)
            .getResultList();
    List<Message> messages = new ArrayList<>();
    for (Object[] row : rows) {
      try (var reader = Jsonp.createReader(new StringReader((String) row[2]))) {
        messages.add(new Message((String) row[0], (String) row[1], reader.readObject()));
      }
    }
    return messages;
  }

  /** Messages waiting for a deleted device will never be fetched. */
  public void deviceRemoved(@Observes DeviceRemoved removed) {
    em.createNativeQuery(
            "DELETE FROM to_device_message WHERE recipient_user = ?1 AND recipient_device = ?2")
        .setParameter(1, removed.userId().toString())
        .setParameter(2, removed.deviceId())
        .executeUpdate();
    em.createNativeQuery("DELETE FROM to_device_txn WHERE user_id = ?1 AND device_id = ?2")
        .setParameter(1, removed.userId().toString())
        .setParameter(2, removed.deviceId())
        .executeUpdate();
  }
}
