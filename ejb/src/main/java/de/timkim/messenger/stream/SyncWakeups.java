package de.timkim.messenger.stream;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wakes long-polling /sync requests on this node when something arrives for their user. A commit on
 * this node checks at once; commits on other nodes are seen by polling the stream's "persisted up
 * to" watermark ({@link StreamPositions}) every {@value #POLL_MS} ms, so a wake-up never depends on
 * the JVM that wrote the event. When the position moves, the rooms and account data written since
 * the last check name the users concerned (every member, invitee or former member of those rooms)
 * and only their requests wake. The waiting requests are the only per-node state, and they are
 * connections to this node anyway.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class SyncWakeups {

  private static final Logger LOG = Logger.getLogger(SyncWakeups.class.getName());
  static final long POLL_MS = 25;

  @Resource(lookup = "java:jboss/datasources/TimDS")
  private DataSource dataSource;

  // a thread of our own rather than the managed scheduled executor: the container refuses the
  // executor's tasks once it is suspended for shutdown, and logged an error every poll until the
  // deployment stopped
  @Resource private ManagedThreadFactory threads;

  private ScheduledExecutorService scheduler;

  @Resource private ManagedExecutorService executor;

  private final Map<Long, Waiter> waiters = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong lastSeen = new AtomicLong(-1);
  private final AtomicBoolean checking = new AtomicBoolean();
  private final AtomicBoolean recheck = new AtomicBoolean();
  private ScheduledFuture<?> poller;
  private ScheduledFuture<?> housekeeping;

  @Inject private StreamPositions positions;

  private record Waiter(String userId, long since, Runnable wake) {}

  @PostConstruct
  void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(threads);
    poller = scheduler.scheduleWithFixedDelay(this::check, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
    housekeeping =
        scheduler.scheduleWithFixedDelay(this::forgetAbandonedClaims, 1, 1, TimeUnit.MINUTES);
  }

  private void forgetAbandonedClaims() {
    try {
      int forgotten = positions.forgetAbandoned();
      if (forgotten > 0) {
        LOG.warning(() -> "Forgot " + forgotten + " stream position claims of crashed writers");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Forgetting abandoned stream position claims failed; retrying", e);
    }
  }

  @PreDestroy
  void stop() {
    if (poller != null) {
      poller.cancel(false);
    }
    if (housekeeping != null) {
      housekeeping.cancel(false);
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    // the deployment is going away: waiting requests end with their connections, and clients
    // continue their sync on another node
    waiters.clear();
  }

  /**
   * Runs {@code wake} once something for {@code userId} is written after {@code since}. Returns a
   * handle for {@link #cancel}. If the position already moved past {@code since} it wakes at once,
   * as that write may have been checked before this waiter was registered.
   */
  public long await(String userId, long since, Runnable wake) {
    long id = ids.incrementAndGet();
    waiters.put(id, new Waiter(userId, since, wake));
    long seen = lastSeen.get();
    if (seen > since && waiters.remove(id) != null) {
      executor.execute(wake);
    }
    return id;
  }

  /**
   * The stream position this node's last check read, or -1 before the first: writes up to it have
   * woken whom they concern.
   */
  public long seenUpTo() {
    return lastSeen.get();
  }

  /** Forgets a waiter (it timed out); true if it had not been woken yet. */
  public boolean cancel(long handle) {
    return waiters.remove(handle) != null;
  }

  /** Called after a transaction on this node committed events. */
  public void committedHere() {
    executor.execute(this::check);
  }

  void check() {
    // a check asked for while one runs must not be lost: that one may have read the position
    // before the commit that asked, and the next poll would only see it POLL_MS later
    recheck.set(true);
    while (recheck.get() && checking.compareAndSet(false, true)) {
      try {
        recheck.set(false);
        checkOnce();
      } finally {
        checking.set(false);
      }
    }
  }

  private void checkOnce() {
    try {
      try (Connection c = dataSource.getConnection()) {
        long position = readPosition(c);
        long previous = lastSeen.get();
        if (position == previous) {
          return;
        }
        Set<String> concerned = previous < 0 ? null : usersConcerned(c, previous, position);
        lastSeen.set(position);
        for (var entry : waiters.entrySet()) {
          Waiter waiter = entry.getValue();
          boolean forThem = concerned == null || concerned.contains(waiter.userId());
          if (forThem && waiter.since() < position && waiters.remove(entry.getKey()) != null) {
            executor.execute(waiter.wake());
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Stream position check failed; retrying", e);
    }
  }

  private static long readPosition(Connection c) throws SQLException {
    return StreamPositions.persistedUpTo(c);
  }

  /**
   * Users with a membership in a room written to in (from, to], whose account data changed, who got
   * a to-device message, who share a room with someone whose devices or keys changed, who are in a
   * room whose typing notices changed or with a new receipt, or who share a room with someone whose
   * presence changed.
   */
  private static Set<String> usersConcerned(Connection c, long from, long to) throws SQLException {
    Set<String> users = new HashSet<>();
    String sql =
        "SELECT m.state_key FROM room_state m WHERE m.type = 'm.room.member' AND m.room_id IN"
            + " (SELECT e.room_id FROM room_event e WHERE e.stream_ordering > ? AND e.stream_ordering <= ?)"
            + " UNION SELECT a.user_id FROM account_data a WHERE a.stream_ordering > ? AND a.stream_ordering <= ?"
            + " UNION SELECT t.recipient_user FROM to_device_message t WHERE t.stream_ordering > ? AND t.stream_ordering <= ?"
            + " UNION SELECT d.user_id FROM device_list_change d WHERE d.stream_ordering > ? AND d.stream_ordering <= ?"
            + " UNION SELECT o.state_key FROM room_state o WHERE o.type = 'm.room.member' AND o.room_id IN"
            + " (SELECT r.room_id FROM room_state r WHERE r.type = 'm.room.member' AND r.state_key IN"
            + " (SELECT c.user_id FROM device_list_change c WHERE c.stream_ordering > ? AND c.stream_ordering <= ?))"
            + " UNION SELECT y.state_key FROM room_state y WHERE y.type = 'm.room.member' AND y.room_id IN"
            + " (SELECT t.room_id FROM typing_notification t WHERE t.stream_ordering > ? AND t.stream_ordering <= ?)"
            + " UNION SELECT q.state_key FROM room_state q WHERE q.type = 'm.room.member' AND q.room_id IN"
            + " (SELECT z.room_id FROM room_state z WHERE z.type = 'm.room.member' AND z.state_key IN"
            + " (SELECT p.user_id FROM user_presence p WHERE p.stream_ordering > ? AND p.stream_ordering <= ?))"
            + " UNION SELECT w.state_key FROM room_state w WHERE w.type = 'm.room.member' AND w.room_id IN"
            + " (SELECT k.room_id FROM receipt k WHERE k.stream_ordering > ? AND k.stream_ordering <= ?)";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      for (int pair = 0; pair < 8; pair++) {
        s.setLong(2 * pair + 1, from);
        s.setLong(2 * pair + 2, to);
      }
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          users.add(r.getString(1));
        }
      }
    }
    return users;
  }
}
