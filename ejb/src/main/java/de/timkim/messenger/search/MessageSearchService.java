package de.timkim.messenger.search;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.events.StoredEvent;
import de.timkim.messenger.rooms.HistoryAccess;
import de.timkim.messenger.rooms.HistoryVisibility;
import de.timkim.messenger.rooms.RoomRepository;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.QueryTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Finds messages by the words in their body, or in room names and topics, newest first. The text
 * match runs over the stored JSON in the database and is confirmed on the parsed content, so a term
 * that only appears in a key or another field does not match.
 */
@Stateless
public class MessageSearchService {

  static final int PAGE = 10;

  private static final Set<String> KEYS = Set.of("content.body", "content.name", "content.topic");

  @PersistenceContext private EntityManager em;

  @Inject private HistoryAccess history;

  @Inject private RoomRepository roomRepository;

  @Inject private RateLimiter rateLimiter;

  /**
   * The longest one candidate query may run: the text match cannot use an index, so a user in many
   * big rooms must not tie up a database connection for long.
   */
  @Inject
  @ConfigProperty(name = "tim.search.query-timeout-ms", defaultValue = "5000")
  int queryTimeoutMs;

  public record Results(List<StoredEvent> events, Long nextBefore) {}

  /**
   * Messages matching {@code term} in the rooms the requester is joined to (or only {@code rooms}
   * of them), before stream position {@code before} (null: from the newest).
   */
  public Results search(
      Requester requester, String term, List<String> keys, List<String> rooms, Long before) {
    if (term.isBlank()) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "search_term must not be empty");
    }
    List<String> searchKeys = keys == null || keys.isEmpty() ? List.copyOf(KEYS) : keys;
    for (String key : searchKeys) {
      if (!KEYS.contains(key)) {
        throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Unknown search key " + key);
      }
    }
    rateLimiter.spend(RateLimit.SEARCHES_PER_USER, requester.userId().toString());
    List<String> joined = new ArrayList<>(roomRepository.joinedRooms(requester));
    if (rooms != null) {
      joined.retainAll(rooms);
    }
    if (joined.isEmpty()) {
      return new Results(List.of(), null);
    }
    // history visibility: a member does not find what was said before they may see it
    Map<String, HistoryVisibility> visibility =
        history.historyVisibilities(requester.userId().toString(), joined);
    String needle = term.toLowerCase(Locale.ROOT);
    List<StoredEvent> found = new ArrayList<>();
    long cursor = before == null ? Long.MAX_VALUE : before;
    // candidates by a coarse text match; confirmed field by field below
    while (found.size() <= PAGE) {
      List<StoredEvent> batch = candidates(joined, cursor, needle);
      if (batch.isEmpty()) {
        break;
      }
      for (StoredEvent event : batch) {
        cursor = event.streamOrdering();
        if (visibility.get(event.roomId()).shows(event.streamOrdering())
            && matches(event.content(), searchKeys, needle)) {
          found.add(event);
          if (found.size() > PAGE) {
            break;
          }
        }
      }
    }
    if (found.size() > PAGE) {
      return new Results(found.subList(0, PAGE), found.get(PAGE - 1).streamOrdering());
    }
    return new Results(found, null);
  }

  private List<StoredEvent> candidates(List<String> rooms, long cursor, String needle) {
    try {
      return em.createQuery(
              "select e from StoredEvent e where e.roomId in :rooms and e.streamOrdering < :c"
                  + " and e.type in ('m.room.message', 'm.room.name', 'm.room.topic')"
                  + " and e.redactedBy is null and lower(e.pdu) like :t escape '\\'"
                  + " order by e.streamOrdering desc",
              StoredEvent.class)
          .setParameter("rooms", rooms)
          .setParameter("c", cursor)
          .setParameter("t", "%" + escapeLike(needle) + "%")
          .setMaxResults(PAGE * 2)
          .setHint("jakarta.persistence.query.timeout", queryTimeoutMs)
          .getResultList();
    } catch (QueryTimeoutException tooSlow) {
      throw MatrixException.rateLimited(queryTimeoutMs);
    }
  }

  private static boolean matches(JsonObject content, List<String> keys, String needle) {
    for (String key : keys) {
      if (content.get(key.substring("content.".length())) instanceof JsonString text
          && text.getString().toLowerCase(Locale.ROOT).contains(needle)) {
        return true;
      }
    }
    return false;
  }

  private static String escapeLike(String term) {
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }
}
