package de.timkim.messenger.media;

import de.timkim.messenger.ServerNames;
import de.timkim.platform.errors.MatrixException;
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

  /**
   * Forgets what {@code eventId} (sent by {@code sender}) used and returns the media it may
   * release: media that {@code sender} uploaded, that no other event refers to and that is not in
   * use as a profile or room avatar. {@code releasedBy} is the redacting user, or {@code null} when
   * retention deletes the event.
   *
   * <p>Anyone may mention anyone's mxc:// URI, so an event only counts as a use that can release
   * media when its sender uploaded that media, and a redaction only releases media when the
   * uploader redacts it: otherwise any room member could delete another user's file by mentioning
   * it and redacting their own message, and a moderator's redaction would delete the author's file
   * everywhere else it is shared. Mentions by others still keep the media alive. Media that only
   * encrypted events carry has no rows here and is released by retention ({@code purgeMedia}).
   */
  public List<MxcUri> release(String eventId, String sender, String releasedBy) {
    @SuppressWarnings("unchecked")
    List<Object[]> used =
        em.createNativeQuery("SELECT server_name, media_id FROM event_media WHERE event_id = ?1")
            .setParameter(1, eventId)
            .getResultList();
    em.createNativeQuery("DELETE FROM event_media WHERE event_id = ?1")
        .setParameter(1, eventId)
        .executeUpdate();
    List<MxcUri> unused = new ArrayList<>();
    if (releasedBy != null && !releasedBy.equals(sender)) {
      return unused;
    }
    for (Object[] row : used) {
      MxcUri uri = new MxcUri((String) row[0], (String) row[1]);
      if (uploadedBy(uri, sender) && !referencedElsewhere(uri) && !usedAsAvatar(uri)) {
        unused.add(uri);
      }
    }
    return unused;
  }

  private boolean uploadedBy(MxcUri uri, String sender) {
    return !em.createNativeQuery(
            "SELECT 1 FROM media WHERE server_name = ?1 AND media_id = ?2 AND uploader = ?3")
        .setParameter(1, uri.serverName())
        .setParameter(2, uri.mediaId())
        .setParameter(3, sender)
        .getResultList()
        .isEmpty();
  }

  private boolean referencedElsewhere(MxcUri uri) {
    return !em.createNativeQuery(
            "SELECT 1 FROM event_media WHERE server_name = ?1 AND media_id = ?2")
        .setParameter(1, uri.serverName())
        .setParameter(2, uri.mediaId())
        .setMaxResults(1)
        .getResultList()
        .isEmpty();
  }

  /** A profile avatar or the current avatar of a room is a use like an event (as purgeMedia). */
  private boolean usedAsAvatar(MxcUri uri) {
    String mxc = "mxc://" + uri.serverName() + "/" + uri.mediaId();
    boolean profile =
        !em.createNativeQuery("SELECT 1 FROM matrix_user WHERE avatar_url = ?1")
            .setParameter(1, mxc)
            .setMaxResults(1)
            .getResultList()
            .isEmpty();
    return profile
        || !em.createNativeQuery(
                "SELECT 1 FROM room_state s JOIN room_event e ON e.event_id = s.event_id"
                    + " WHERE s.type = 'm.room.avatar' AND e.pdu LIKE ?1")
            .setParameter(1, "%" + mxc + "%")
            .setMaxResults(1)
            .getResultList()
            .isEmpty();
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
