package de.timkim.messenger.push;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every joined member's push rules on each event stored in a room and records one row per
 * member to notify (event_push_action), in the sender's transaction: the counts are right the
 * moment the event is visible, on every node. Like Synapse, only "notify" outcomes are kept.
 */
@Stateless
public class EventNotifications {

  /** The thread ID of events outside any thread (https://spec.matrix.org/v1.11/#threading). */
  public static final String MAIN_TIMELINE = "main";

  @PersistenceContext private EntityManager em;

  @Inject private PushRuleService pushRules;

  /**
   * What the room looks like when the event is stored.
   *
   * @param joinedDisplayNames joined members and their display names in the room (null if none)
   * @param senderPowerLevel the sender's power level
   * @param notificationLevels power_levels "notifications" (who may @room), possibly empty
   */
  public record Room(
      Map<String, String> joinedDisplayNames,
      long senderPowerLevel,
      JsonObject notificationLevels) {}

  /** Who an event notifies, worked out before it has a stream position. */
  public record Outcomes(
      String roomId, String threadId, List<String> notified, List<Boolean> highlighted) {}

  /**
   * Runs every recipient's push rules on the signed event. Done before the event takes its stream
   * position: positions are handed out one transaction at a time, so the work between taking one
   * and committing delays every other sender.
   */
  public Outcomes evaluate(JsonObject pdu, Room room) {
    String sender = pdu.getString("sender");
    String roomId = pdu.getString("room_id");
    var recipients =
        room.joinedDisplayNames().keySet().stream().filter(user -> !user.equals(sender)).toList();
    if (recipients.isEmpty()) {
      return new Outcomes(roomId, MAIN_TIMELINE, List.of(), List.of());
    }
    Map<String, JsonObject> rulesets = pushRules.globalRulesets(recipients);
    String threadId = threadOf(pdu.getJsonObject("content"));
    List<String> notified = new ArrayList<>();
    List<Boolean> highlighted = new ArrayList<>();
    for (String user : recipients) {
      PushRuleEvaluator.Outcome outcome =
          PushRuleEvaluator.evaluate(
              rulesets.get(user),
              pdu,
              new PushRuleEvaluator.Context(
                  room.joinedDisplayNames().size(),
                  room.joinedDisplayNames().get(user),
                  room.senderPowerLevel(),
                  room.notificationLevels()));
      if (outcome.notifies()) {
        notified.add(user);
        highlighted.add(outcome.highlight());
      }
    }
    return new Outcomes(roomId, threadId, notified, highlighted);
  }

  /** Records the notifications of an event stored at {@code position}, in its transaction. */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void record(Outcomes outcomes, long position) {
    List<String> notified = outcomes.notified();
    // multi-row INSERTs (of at most 1,000 rows: bind-parameter limits) keep the send path at one
    // extra statement for ordinary rooms
    for (int from = 0; from < notified.size(); from += 1000) {
      int to = Math.min(notified.size(), from + 1000);
      StringBuilder sql =
          new StringBuilder(
              "INSERT INTO event_push_action (user_id, room_id, event_stream_ordering, thread_id,"
                  + " highlight) VALUES ");
      for (int i = from; i < to; i++) {
        int p = 5 * (i - from) + 1;
        sql.append(i == from ? "" : ", ")
            .append(String.format("(?%d, ?%d, ?%d, ?%d, ?%d)", p, p + 1, p + 2, p + 3, p + 4));
      }
      var insert = em.createNativeQuery(sql.toString());
      for (int i = from; i < to; i++) {
        int p = 5 * (i - from) + 1;
        insert
            .setParameter(p, notified.get(i))
            .setParameter(p + 1, outcomes.roomId())
            .setParameter(p + 2, position)
            .setParameter(p + 3, outcomes.threadId())
            .setParameter(p + 4, outcomes.highlighted().get(i));
      }
      insert.executeUpdate();
    }
  }

  /** Notifications and highlights of one thread. */
  public record Counts(long notifications, long highlights) {}

  /**
   * The user's notifications in the room after stream position {@code after}, per thread ID ({@link
   * #MAIN_TIMELINE} or a thread root); only {@code thread} when it is not null.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Counts> countsAfter(String user, String roomId, long after, String thread) {
    var query =
        em.createNativeQuery(
                "SELECT thread_id, COUNT(*), SUM(CASE WHEN highlight THEN 1 ELSE 0 END)"
                    + " FROM event_push_action WHERE user_id = ?1 AND room_id = ?2"
                    + " AND event_stream_ordering > ?3"
                    + (thread == null ? "" : " AND thread_id = ?4")
                    + " GROUP BY thread_id")
            .setParameter(1, user)
            .setParameter(2, roomId)
            .setParameter(3, after);
    if (thread != null) {
      query.setParameter(4, thread);
    }
    List<Object[]> rows = query.getResultList();
    Map<String, Counts> counts = new HashMap<>();
    for (Object[] row : rows) {
      counts.put(
          (String) row[0],
          new Counts(
              ((Number) row[1]).longValue(), row[2] == null ? 0 : ((Number) row[2]).longValue()));
    }
    return counts;
  }

  /** The thread root an event belongs to, or {@link #MAIN_TIMELINE}. */
  public static String threadOf(JsonObject content) {
    if (content.get("m.relates_to") instanceof JsonObject relation
        && "m.thread".equals(relation.getString("rel_type", ""))
        && relation.get("event_id") instanceof JsonString root) {
      return root.getString();
    }
    return MAIN_TIMELINE;
  }
}
