package de.timkim.messenger.rooms;

import de.timkim.platform.transactions.AfterTransaction;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state a message is authorised against (create event, power levels, joined members), kept per
 * room on this node so that a send in a large room does not load and parse every member event. An
 * entry is tagged with the room's {@code state_version} and used only while the room's row, read
 * under its lock, carries that version; any node's state change raises it in the database. Entries
 * are stored only after the transaction that loaded them commits, so state a rollback undid is
 * never kept.
 */
@ApplicationScoped
public class MessageStateCache {

  /** Rooms kept at most; the cache is emptied when it is full (every room reloads once). */
  static final int MAX_ROOMS = 10_000;

  private record Entry(long version, RoomState state) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  @Resource private TransactionSynchronizationRegistry transactions;

  /** The state kept for the room at exactly this version, or null. Callers must not change it. */
  RoomState get(String roomId, long version) {
    Entry entry = entries.get(roomId);
    return entry != null && entry.version() == version ? entry.state() : null;
  }

  /** Keeps {@code state}, loaded at {@code version}, once the current transaction commits. */
  void putAfterCommit(String roomId, long version, RoomState state) {
    AfterTransaction.onCommit(
        transactions,
        () -> {
          if (entries.size() >= MAX_ROOMS) {
            entries.clear();
          }
          entries.merge(
              roomId,
              new Entry(version, state),
              (kept, loaded) -> loaded.version() >= kept.version() ? loaded : kept);
        });
  }
}
