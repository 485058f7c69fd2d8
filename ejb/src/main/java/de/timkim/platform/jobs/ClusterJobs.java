package de.timkim.platform.jobs;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;

/**
 * Every node's timer fires; the one that takes the job's lease in the database runs it, the others
 * skip. A node that dies mid-run loses the lease when it expires, so the next run happens.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class ClusterJobs {

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  /** Takes the lease of {@code job} for {@code lease} if nobody holds it; true if taken. */
  public boolean tryLease(String job, String node, Duration lease) {
    long now = clock.millis();
    em.createNativeQuery(
            "INSERT INTO cluster_job (job_name, locked_by, locked_until) VALUES (?1, NULL, 0)"
                + " ON CONFLICT DO NOTHING")
        .setParameter(1, job)
        .executeUpdate();
    return em.createNativeQuery(
                "UPDATE cluster_job SET locked_by = ?1, locked_until = ?2"
                    + " WHERE job_name = ?3 AND locked_until < ?4")
            .setParameter(1, node)
            .setParameter(2, now + lease.toMillis())
            .setParameter(3, job)
            .setParameter(4, now)
            .executeUpdate()
        == 1;
  }

  /** Gives the lease back once the job is done. */
  public void release(String job, String node) {
    em.createNativeQuery(
            "UPDATE cluster_job SET locked_by = NULL, locked_until = 0"
                + " WHERE job_name = ?1 AND locked_by = ?2")
        .setParameter(1, job)
        .setParameter(2, node)
        .executeUpdate();
  }
}
