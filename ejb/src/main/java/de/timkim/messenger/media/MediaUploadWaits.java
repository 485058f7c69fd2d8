package de.timkim.messenger.media;

import de.timkim.platform.errors.MatrixException;
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
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Downloads of reserved media waiting for its content (spec v1.7 asynchronous uploads) without
 * holding a request thread: they park here and are resumed when the content arrives or their
 * timeout passes. Uploads completed on this node wake at once; uploads on other nodes are seen by
 * one query every {@value #POLL_MS} ms over all waited-for media of this node, so a wake-up never
 * depends on the JVM that received the bytes (as {@code SyncWakeups} does for /sync).
 *
 * <p>Waits are bounded per user and per node: each parked download holds a connection and a little
 * memory, and 40 parallel waits used to stall every worker thread of the server.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MediaUploadWaits {

  private static final Logger LOG = Logger.getLogger(MediaUploadWaits.class.getName());
  static final long POLL_MS = 250;

  @Inject MediaRepository repository;

  // a thread of our own, as SyncWakeups: the managed scheduled executor refuses tasks once the
  // server is suspended for shutdown
  @Resource ManagedThreadFactory threads;

  @Resource ManagedExecutorService executor;

  @Inject
  @ConfigProperty(name = "tim.media.max-waiting-downloads-per-user", defaultValue = "2")
  int maxPerUser;

  @Inject
  @ConfigProperty(name = "tim.media.max-waiting-downloads-per-node", defaultValue = "50")
  int maxPerNode;

  private record Waiter(String userId, MxcUri uri, long deadlineNanos, Runnable wake) {}

  private final Map<Long, Waiter> waiters = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private ScheduledExecutorService scheduler;
  private ScheduledFuture<?> poller;

  @PostConstruct
  void start() {
    scheduler = Executors.newSingleThreadScheduledExecutor(threads);
    poller = scheduler.scheduleWithFixedDelay(this::check, POLL_MS, POLL_MS, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() {
    if (poller != null) {
      poller.cancel(false);
    }
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    waiters.clear();
  }

  /**
   * Runs {@code wake} once (on a managed thread) when the content of {@code uri} may have arrived
   * or {@code timeoutMs} has passed; the caller looks again and answers. Refused with
   * M_LIMIT_EXCEEDED when {@code userId} or this node already has as many waits as allowed.
   */
  public void await(String userId, MxcUri uri, long timeoutMs, Runnable wake) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    synchronized (this) {
      if (waiters.size() >= maxPerNode) {
        LOG.info(() -> "Refused a waiting download: " + maxPerNode + " already wait on this node");
        throw MatrixException.rateLimited(POLL_MS * 4);
      }
      long mine = waiters.values().stream().filter(w -> w.userId().equals(userId)).count();
      if (mine >= maxPerUser) {
        throw MatrixException.rateLimited(POLL_MS * 4);
      }
      waiters.put(ids.incrementAndGet(), new Waiter(userId, uri, deadline, wake));
    }
  }

  /** How many downloads wait on this node now. */
  public int waiting() {
    return waiters.size();
  }

  /** The content of {@code uri} was stored on this node: its waiters need not wait for the poll. */
  public void uploaded(MxcUri uri) {
    waiters.forEach(
        (id, waiter) -> {
          if (waiter.uri().equals(uri)) {
            release(id);
          }
        });
  }

  void check() {
    if (waiters.isEmpty()) {
      return;
    }
    try {
      long now = System.nanoTime();
      Set<MxcUri> pending = new HashSet<>();
      waiters.values().forEach(w -> pending.add(w.uri()));
      Set<MxcUri> arrived = repository.uploadedAmong(pending);
      waiters.forEach(
          (id, waiter) -> {
            if (arrived.contains(waiter.uri()) || now - waiter.deadlineNanos() >= 0) {
              release(id);
            }
          });
    } catch (RuntimeException e) {
      LOG.log(Level.FINE, "Checking awaited uploads failed; retrying", e);
    }
  }

  private void release(long id) {
    Waiter waiter = waiters.remove(id);
    if (waiter != null) {
      executor.execute(waiter.wake());
    }
  }
}
