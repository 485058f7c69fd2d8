package de.timkim.kim.clientmodule.smime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Admits S/MIME work by the heap it will need. Signing and encrypting through the Konnektor
 * interface works on whole byte arrays, and one message passes through about ten copies of its own
 * size (plaintext, SignedData, its base64 entity, EnvelopedData, the base64 outer message and the
 * buffers in between). Ten 25 MiB messages at once would need several GiB, so large messages take
 * turns within a share of the heap while small ones pass side by side; without this gate the node
 * ran out of memory and every session on it failed. The heap is per node, so the gate is too.
 */
@ApplicationScoped
public class CryptoMemoryGate {

  /** Copies of a message alive at the worst moment of signing and encrypting it. */
  static final int COPIES = 10;

  private static final int MIB = 1024 * 1024;

  @Inject
  @ConfigProperty(name = "kim.smime.heap-share", defaultValue = "0.4")
  double heapShare;

  private Semaphore permits;
  private int capacityMib;

  private synchronized Semaphore permits() {
    if (permits == null) {
      capacityMib = (int) Math.max(1, Runtime.getRuntime().maxMemory() * heapShare / MIB);
      permits = new Semaphore(capacityMib, true);
    }
    return permits;
  }

  /** A pass for work on a message of {@code bytes}; close it when done. */
  public Pass admit(long bytes) throws SmimeException {
    Semaphore semaphore = permits();
    // a message larger than the whole share still gets through, alone
    int weight = weight(bytes);
    try {
      if (!semaphore.tryAcquire(weight, 10, TimeUnit.MINUTES)) {
        throw new SmimeException("Too many large messages at once; try again later");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SmimeException("Interrupted while waiting for memory", e);
    }
    return () -> semaphore.release(weight);
  }

  /**
   * A pass for opening a received message: waits as long as it takes, because a message that could
   * not be opened would reach the practice software marked as undecryptable.
   */
  public Pass admitOrWait(long bytes) {
    Semaphore semaphore = permits();
    int weight = weight(bytes);
    semaphore.acquireUninterruptibly(weight);
    return () -> semaphore.release(weight);
  }

  private int weight(long bytes) {
    return (int) Math.min(capacityMib, Math.max(1, bytes * COPIES / MIB));
  }

  /** Returns the admitted memory. */
  public interface Pass extends AutoCloseable {
    @Override
    void close();
  }
}
