package de.timkim.messenger.ignoring;

import de.timkim.messenger.accountdata.AccountDataEntry;
import de.timkim.messenger.accounts.UserId;
import de.timkim.messenger.events.StoredEvent;
import jakarta.ejb.Stateless;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The users someone ignores, read from their m.ignored_user_list at each request, so that a change
 * of the list takes effect on the next /sync of every device at once, as the spec's server
 * behaviour asks. State events of ignored users stay visible (the room must not look different).
 */
@Stateless
public class IgnoredUsers {

  public static final String ACCOUNT_DATA_TYPE = "m.ignored_user_list";

  @PersistenceContext private EntityManager em;

  /** The user IDs in {@code user}'s m.ignored_user_list (the keys of ignored_users). */
  public Set<String> of(UserId user) {
    AccountDataEntry entry =
        em.find(
            AccountDataEntry.class,
            new AccountDataEntry.Key(user.toString(), AccountDataEntry.GLOBAL, ACCOUNT_DATA_TYPE));
    if (entry == null) {
      return Set.of();
    }
    JsonValue ignored = entry.content().get("ignored_users");
    return ignored instanceof JsonObject map ? Set.copyOf(map.keySet()) : Set.of();
  }

  /** Events {@code user} is sent: everything but the non-state events of users they ignore. */
  public Predicate<StoredEvent> shownTo(UserId user) {
    return shown(of(user));
  }

  /** Events shown when {@code ignored} are ignored. */
  public static Predicate<StoredEvent> shown(Set<String> ignored) {
    if (ignored.isEmpty()) {
      return event -> true;
    }
    return event -> event.isState() || !ignored.contains(event.sender());
  }
}
