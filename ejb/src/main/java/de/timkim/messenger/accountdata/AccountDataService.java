package de.timkim.messenger.accountdata;

import de.timkim.messenger.accounts.MatrixUser;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.stream.WakeAfterCommit;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** PUT/GET account data and filters. Each change takes a stream position so /sync reports it. */
@Stateless
public class AccountDataService {

  private static final String TAG_TYPE = "m.tag";

  private static final String TAGS = "tags";

  /** Synapse's limit: a tag longer than this is refused rather than stored. */
  private static final int MAX_TAG_BYTES = 255;

  @PersistenceContext private EntityManager em;

  @Inject private EventStore events;

  @Inject private WakeAfterCommit wakeAfterCommit;

  public void put(
      Requester requester, UserId owner, String roomId, String type, JsonObject content) {
    requireSelf(requester, owner);
    if ("m.fully_read".equals(type) || "m.push_rules".equals(type)) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, "Cannot set " + type + " through account data");
    }
    set(owner, roomId, type, content);
  }

  /**
   * Sets the owner's account data as the server (e.g. the m.server_notice tag); callers check who
   * may do so.
   */
  public void set(UserId owner, String roomId, String type, JsonObject content) {
    String room = roomId == null ? AccountDataEntry.GLOBAL : roomId;
    AccountDataEntry entry =
        em.find(AccountDataEntry.class, new AccountDataEntry.Key(owner.toString(), room, type));
    long position = events.allocatePositions(1);
    if (entry == null) {
      entry = new AccountDataEntry(owner.toString(), room, type);
      entry.set(content, position);
      em.persist(entry);
    } else {
      entry.set(content, position);
    }
    wakeAfterCommit.register();
  }

  public JsonObject get(Requester requester, UserId owner, String roomId, String type) {
    requireSelf(requester, owner);
    String room = roomId == null ? AccountDataEntry.GLOBAL : roomId;
    AccountDataEntry entry =
        em.find(AccountDataEntry.class, new AccountDataEntry.Key(owner.toString(), room, type));
    if (entry == null) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Account data not found");
    }
    return entry.content();
  }

  /**
   * GET /user/{userId}/rooms/{roomId}/tags: the room's tags, kept where /sync finds them, in the
   * room's m.tag account data (https://spec.matrix.org/v1.11/client-server-api/#room-tagging).
   */
  public JsonObject tags(Requester requester, UserId owner, String roomId) {
    requireSelf(requester, owner);
    return Jsonp.createObjectBuilder().add(TAGS, currentTags(owner, roomId)).build();
  }

  /** PUT /user/{userId}/rooms/{roomId}/tags/{tag}: adds or replaces one tag (its order, say). */
  public void tag(Requester requester, UserId owner, String roomId, String tag, JsonObject data) {
    requireSelf(requester, owner);
    if (tag.isEmpty() || tag.getBytes(StandardCharsets.UTF_8).length > MAX_TAG_BYTES) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "A tag is 1 to " + MAX_TAG_BYTES + " bytes long");
    }
    JsonValue order = data.get("order");
    if (order != null && order.getValueType() != JsonValue.ValueType.NUMBER) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "order must be a number");
    }
    lockTagsOf(owner);
    set(
        owner,
        roomId,
        TAG_TYPE,
        Jsonp.createObjectBuilder()
            .add(TAGS, Jsonp.createObjectBuilder(currentTags(owner, roomId)).add(tag, data))
            .build());
  }

  /** DELETE /user/{userId}/rooms/{roomId}/tags/{tag}: a tag the room does not have is no error. */
  public void untag(Requester requester, UserId owner, String roomId, String tag) {
    requireSelf(requester, owner);
    lockTagsOf(owner);
    JsonObject tags = currentTags(owner, roomId);
    if (tags.containsKey(tag)) {
      set(
          owner,
          roomId,
          TAG_TYPE,
          Jsonp.createObjectBuilder()
              .add(TAGS, Jsonp.createObjectBuilder(tags).remove(tag))
              .build());
    }
  }

  private JsonObject currentTags(UserId owner, String roomId) {
    AccountDataEntry entry =
        em.find(
            AccountDataEntry.class, new AccountDataEntry.Key(owner.toString(), roomId, TAG_TYPE));
    return entry != null && entry.content().get(TAGS) instanceof JsonObject tags
        ? tags
        : JsonValue.EMPTY_JSON_OBJECT;
  }

  /**
   * Tags are read, changed and written back: two clients of one user tagging at once take turns on
   * the user's row, so neither change is lost and the first m.tag entry is inserted once.
   */
  private void lockTagsOf(UserId owner) {
    if (em.find(MatrixUser.class, owner.toString(), LockModeType.PESSIMISTIC_WRITE) == null) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "Unknown user");
    }
  }

  /** Entries changed after {@code since} (all when since is null). */
  public List<AccountDataEntry> changedSince(UserId owner, Long since) {
    return em.createQuery(
            "select a from AccountDataEntry a where a.userId = :u and a.streamOrdering > :since",
            AccountDataEntry.class)
        .setParameter("u", owner.toString())
        .setParameter("since", since == null ? -1L : since)
        .getResultList();
  }

  /** All of the user's account data for one room. */
  public List<AccountDataEntry> inRoom(UserId owner, String roomId) {
    return em.createQuery(
            "select a from AccountDataEntry a where a.userId = :u and a.roomId = :r",
            AccountDataEntry.class)
        .setParameter("u", owner.toString())
        .setParameter("r", roomId)
        .getResultList();
  }

  /**
   * The users among {@code users} who switched a privacy setting off: their global account data
   * {@code type} has {@code field} set to {@code false} (e.g. de.timkim.presence {"visible":
   * false}).
   */
  public Set<String> switchedOff(Collection<String> users, String type, String field) {
    if (users.isEmpty()) {
      return Set.of();
    }
    Set<String> off = new HashSet<>();
    for (AccountDataEntry entry :
        em.createQuery(
                "select a from AccountDataEntry a where a.userId in :users and a.roomId = :global"
                    + " and a.type = :type",
                AccountDataEntry.class)
            .setParameter("users", users)
            .setParameter("global", AccountDataEntry.GLOBAL)
            .setParameter("type", type)
            .getResultList()) {
      if (entry.content().get(field) == JsonValue.FALSE) {
        off.add(entry.userId());
      }
    }
    return off;
  }

  /** POST /user/{userId}/filter; returns the new filter's ID. */
  public String createFilter(Requester requester, UserId owner, JsonObject definition) {
    requireSelf(requester, owner);
    Number max =
        (Number)
            em.createNativeQuery("SELECT MAX(filter_id) FROM user_filter WHERE user_id = ?1")
                .setParameter(1, owner.toString())
                .getSingleResult();
    long id = max == null ? 0 : max.longValue() + 1;
    em.createNativeQuery(
            "INSERT INTO user_filter (user_id, filter_id, definition) VALUES (?1, ?2, ?3)")
        .setParameter(1, owner.toString())
        .setParameter(2, id)
        .setParameter(3, definition.toString())
        .executeUpdate();
    return Long.toString(id);
  }

  public JsonObject filter(UserId owner, String filterId) {
    long id;
    try {
      id = Long.parseLong(filterId);
    } catch (NumberFormatException e) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown filter");
    }
    List<?> rows =
        em.createNativeQuery(
                "SELECT definition FROM user_filter WHERE user_id = ?1 AND filter_id = ?2")
            .setParameter(1, owner.toString())
            .setParameter(2, id)
            .getResultList();
    if (rows.isEmpty()) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown filter");
    }
    return Jsonp.createReader(new StringReader(rows.get(0).toString())).readObject();
  }

  private static void requireSelf(Requester requester, UserId owner) {
    if (!requester.userId().equals(owner)) {
      throw new MatrixException(ErrorCode.M_FORBIDDEN, "You can only access your own data");
    }
  }
}
