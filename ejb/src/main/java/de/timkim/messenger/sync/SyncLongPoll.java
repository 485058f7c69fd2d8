package de.timkim.messenger.sync;

import de.timkim.messenger.accounts.Requester;
import de.timkim.messenger.presence.PresenceService;
import de.timkim.messenger.stream.SyncWakeups;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The waiting part of /sync without holding a thread: an empty incremental sync parks on {@link
 * SyncWakeups} and is recomputed when the stream moves, or answered empty at its timeout.
 */
@ApplicationScoped
public class SyncLongPoll {

  /** Longer waits are shortened to this; clients poll again. */
  static final long MAX_TIMEOUT_MS = 120_000;

  @Inject SyncService sync;

  @Inject SyncWakeups wakeups;

  @Inject PresenceService presence;

  @Resource ManagedScheduledExecutorService scheduler;

  public void sync(
      Requester requester,
      Long since,
      boolean acknowledgesToDevice,
      SyncFilter filter,
      boolean fullState,
      String setPresence,
      long timeoutMs,
      Consumer<SyncResult> answer,
      Consumer<Throwable> fail) {
    try {
      presence.synced(requester, setPresence);
      long timeout = Math.min(Math.max(0, timeoutMs), MAX_TIMEOUT_MS);
      long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeout);
      if (since != null
          && !acknowledgesToDevice
          && !fullState
          && timeout > 0
          && since == wakeups.seenUpTo()) {
        // the client is where this node's last check of the stream was: whatever comes next wakes
        // it, so the sync that would find nothing is not computed (a client polls again right
        // after each answer, so this is every other request); a timeout computes its answer then
        waitFor(requester, since, filter, deadline, null, answer, fail);
        return;
      }
      SyncResult first = sync.sync(requester, since, acknowledgesToDevice, filter, fullState);
      // an initial sync is answered at once, whatever it holds
      if (since == null || first.hasUpdates() || timeout == 0) {
        answer.accept(first);
        return;
      }
      waitFor(requester, first.nextBatch(), filter, deadline, first, answer, fail);
    } catch (RuntimeException e) {
      fail.accept(e);
    }
  }

  /** {@code empty} answers the timeout; null computes that answer then. */
  private void waitFor(
      Requester requester,
      long position,
      SyncFilter filter,
      long deadline,
      SyncResult empty,
      Consumer<SyncResult> answer,
      Consumer<Throwable> fail) {
    AtomicBoolean done = new AtomicBoolean();
    long[] handle = new long[1];
    Runnable wake =
        () -> {
          if (!done.compareAndSet(false, true)) {
            return;
          }
          try {
            SyncResult next = sync.sync(requester, position, false, filter, false);
            if (next.hasUpdates() || System.nanoTime() >= deadline) {
              answer.accept(next);
            } else {
              // the position moved for someone else's rooms: keep waiting
              waitFor(requester, next.nextBatch(), filter, deadline, next, answer, fail);
            }
          } catch (RuntimeException e) {
            fail.accept(e);
          }
        };
    handle[0] = wakeups.await(requester.userId().toString(), position, wake);
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    scheduler.schedule(
        () -> {
          if (wakeups.cancel(handle[0]) && done.compareAndSet(false, true)) {
            try {
              answer.accept(
                  empty != null ? empty : sync.sync(requester, position, false, filter, false));
            } catch (RuntimeException e) {
              fail.accept(e);
            }
          }
        },
        Math.max(0, remaining),
        TimeUnit.MILLISECONDS);
  }
}
