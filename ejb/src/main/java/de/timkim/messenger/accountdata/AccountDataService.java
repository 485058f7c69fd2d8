package de.timkim.messenger.accountdata;

import de.timkim.messenger.ErrorCode;
import de.timkim.messenger.MatrixException;
import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.EventStore;
import de.timkim.messenger.sync.WakeAfterCommit;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** PUT/GET account data and filters. Each change takes a stream position so /sync reports it. */
@Stateless
public class AccountDataService {

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
