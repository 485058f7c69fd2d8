package de.timkim.platform.transactions;

import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Work outside the database that must follow the current transaction's outcome: files written or
 * deleted beside rows, caches of what was read, claims to give back.
 */
public final class AfterTransaction {

  private AfterTransaction() {}

  /** Runs {@code action} once the current transaction has committed. */
  public static void onCommit(TransactionSynchronizationRegistry transactions, Runnable action) {
    register(transactions, true, action);
  }

  /** Runs {@code action} once the current transaction has ended without committing. */
  public static void onRollback(TransactionSynchronizationRegistry transactions, Runnable action) {
    register(transactions, false, action);
  }

  private static void register(
      TransactionSynchronizationRegistry transactions, boolean onCommit, Runnable action) {
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if ((status == Status.STATUS_COMMITTED) == onCommit) {
              action.run();
            }
          }
        });
  }
}
