package de.timkim.messenger.media;

import de.timkim.messenger.MatrixException;
import de.timkim.messenger.ServerNames;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which events name which local media, so that deleting an event (redaction, retention) can delete
 * the media that only it used. Only the server's own media and only unencrypted content are seen.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class MediaReferences {

  @PersistenceContext private EntityManager em;

  @Inject private ServerNames serverNames;

  /** Remembers the local mxc:// URIs anywhere in {@code content} as used by {@code eventId}. */
  public void record(String eventId, JsonObject content) {
    for (MxcUri uri : mxcUris(content)) {
      if (serverNames.isServed(uri.serverName())) {
        em.createNativeQuery(
                "INSERT INTO event_media (event_id, server_name, media_id) VALUES (?1, ?2, ?3)")
            .setParameter(1, eventId)
            .setParameter(2, uri.serverName())
            .setParameter(3, uri.mediaId())
            .executeUpdate();
      }
    }
  }

  /** Forgets what {@code eventId} used and returns the media no other event refers to any more. */
  public List<MxcUri> release(String eventId) {
    @SuppressWarnings("unchecked")
    List<Object[]> used =
        em.createNativeQuery("SELECT server_name, media_id FROM event_media WHERE event_id = ?1")
            .setParameter(1, eventId)
            .getResultList();
    em.createNativeQuery("DELETE FROM event_media WHERE event_id = ?1")
        .setParameter(1, eventId)
        .executeUpdate();
    List<MxcUri> unused = new ArrayList<>();
    for (Object[] row : used) {
      Number others =
          (Number)
              em.createNativeQuery(
                      "SELECT COUNT(*) FROM event_media WHERE server_name = ?1 AND media_id = ?2")
                  .setParameter(1, row[0])
                  .setParameter(2, row[1])
                  .getSingleResult();
      if (others.longValue() == 0) {
        unused.add(new MxcUri((String) row[0], (String) row[1]));
      }
    }
    return unused;
  }

  /** Every well-formed mxc:// URI among the string values of {@code value}, at any depth. */
  static Set<MxcUri> mxcUris(JsonValue value) {
    Set<MxcUri> found = new LinkedHashSet<>();
    collect(value, found);
    return found;
  }

  private static void collect(JsonValue value, Set<MxcUri> found) {
    if (value instanceof JsonObject object) {
      object.values().forEach(v -> collect(v, found));
    } else if (value instanceof JsonArray array) {
      array.forEach(v -> collect(v, found));
    } else if (value instanceof JsonString string && string.getString().startsWith("mxc://")) {
      String rest = string.getString().substring("mxc://".length());
      int slash = rest.indexOf('/');
      if (slash > 0) {
        try {
          found.add(new MxcUri(rest.substring(0, slash), rest.substring(slash + 1)));
        } catch (MatrixException malformed) {
          // not a URI this server could have issued: nothing to track
        }
      }
    }
  }
}
