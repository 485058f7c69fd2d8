package de.timkim.messenger.sync;

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
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Wakes long-polling /sync requests on this node when the stream position moves. A commit on this
 * node checks at once; commits on other nodes are seen by polling the one-row stream_head table
 * every {@value #POLL_MS} ms, so a wake-up never depends on the JVM that wrote the event. The
 * waiting requests are the only per-node state, and they are connections to this node anyway.
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

  @Resource private ManagedScheduledExecutorService scheduler;

  @Resource private ManagedExecutorService executor;

  private final Map<Long, Waiter> waiters = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong lastSeen = new AtomicLong(-1);
  private final AtomicBoolean checking = new AtomicBoolean();
  private ScheduledFuture<?> poller;

  private record Waiter(long since, Runnable wake) {}

  @PostConstruct
  void start() {
    poller = scheduler.scheduleWithFixedDelay(this::check, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (poller != null) {
      poller.cancel(false);
    }
    // the deployment is going away: waiting requests end with their connections, and clients
    // continue their sync on another node
    waiters.clear();
  }

  /**
   * Runs {@code wake} once the stream position passes {@code since}. Returns a handle for cancel.
   */
  public long await(long since, Runnable wake) {
    long id = ids.incrementAndGet();
    waiters.put(id, new Waiter(since, wake));
    long seen = lastSeen.get();
    if (seen > since && waiters.remove(id) != null) {
      executor.execute(wake);
    }
    return id;
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
    if (!checking.compareAndSet(false, true)) {
      return;
    }
    try {
      long position = readPosition();
      long previous = lastSeen.getAndSet(position);
      if (position != previous) {
        for (var entry : waiters.entrySet()) {
          if (entry.getValue().since() < position && waiters.remove(entry.getKey()) != null) {
            executor.execute(entry.getValue().wake());
          }
        }
      }
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.FINE, "Stream position check failed; retrying", e);
    } finally {
      checking.set(false);
    }
  }

  private long readPosition() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s = c.prepareStatement("SELECT position FROM stream_head WHERE id = 1");
        ResultSet r = s.executeQuery()) {
      return r.next() ? r.getLong(1) : 0;
    }
  }
}
