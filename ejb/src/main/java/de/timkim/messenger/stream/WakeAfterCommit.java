package de.timkim.messenger.stream;

import de.timkim.platform.transactions.AfterTransaction;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;

/**
 * Services that write to the stream call {@link #register()} inside their transaction; once it
 * commits, this node's waiting /sync requests are checked at once (other nodes poll).
 */
@ApplicationScoped
public class WakeAfterCommit {

  @Resource TransactionSynchronizationRegistry transactions;

  @Inject SyncWakeups wakeups;

  public void register() {
    if (transactions.getResource(WakeAfterCommit.class) != null) {
      return; // once per transaction
    }
    transactions.putResource(WakeAfterCommit.class, Boolean.TRUE);
    AfterTransaction.onCommit(transactions, wakeups::committedHere);
  }
}
