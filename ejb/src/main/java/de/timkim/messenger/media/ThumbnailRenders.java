package de.timkim.messenger.media;

import de.timkim.platform.errors.MatrixException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds how many thumbnails this node renders at once: each render holds up to a decoded 2048 ×
 * 2048 image and a core, so a burst of thumbnail requests for uncached sizes waits briefly and is
 * then answered M_LIMIT_EXCEEDED instead of exhausting the heap. A per-node bound on purpose: it
 * protects this JVM's memory, not a cluster-wide budget.
 */
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ThumbnailRenders {

  /** How long a render waits for a free slot before the request is refused. */
  static final long WAIT_MS = 2_000;

  @Inject
  @ConfigProperty(name = "tim.media.max-concurrent-thumbnail-renders", defaultValue = "2")
  int maxConcurrent;

  private Semaphore slots;

  /** What a render does; may fail with the decoder's IOException. */
  public interface Render<T> {
    T run() throws java.io.IOException;
  }

  @PostConstruct
  void start() {
    slots = new Semaphore(Math.max(1, maxConcurrent), true);
  }

  public <T> T render(Render<T> render) throws java.io.IOException {
    boolean acquired;
    try {
      acquired = slots.tryAcquire(WAIT_MS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      acquired = false;
    }
    if (!acquired) {
      throw MatrixException.rateLimited(WAIT_MS);
    }
    try {
      return render.run();
    } finally {
      slots.release();
    }
  }
}
