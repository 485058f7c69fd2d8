package de.timkim.platform.ratelimit;

import de.timkim.platform.errors.MatrixException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Checks and spends tokens in their own transaction (the caller's may roll back, the count must
 * not), under a row lock so two nodes cannot both spend the last token.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class RateLimiter {

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  private final Map<RateLimit, double[]> settings = new EnumMap<>(RateLimit.class);

  @PostConstruct
  void readSettings() {
    Config config = ConfigProvider.getConfig();
    for (RateLimit limit : RateLimit.values()) {
      settings.put(
          limit,
          new double[] {
            config
                .getOptionalValue(limit.configKey() + ".per-second", Double.class)
                .orElse(limit.defaultPerSecond()),
            config
                .getOptionalValue(limit.configKey() + ".burst", Double.class)
                .orElse(limit.defaultBurst())
          });
    }
  }

  private double perSecond(RateLimit limit) {
    return settings.get(limit)[0];
  }

  private double burst(RateLimit limit) {
    return settings.get(limit)[1];
  }

  /** Throws 429 M_LIMIT_EXCEEDED if the bucket is empty; does not spend. */
  public void check(RateLimit limit, String key) {
    TokenBucket bucket = load(limit, key, false);
    if (!bucket.hasToken()) {
      throw MatrixException.rateLimited(bucket.retryAfterMs(perSecond(limit)));
    }
  }

  /** Whether the bucket has a token, for protocols that answer a limit in their own words. */
  public boolean hasToken(RateLimit limit, String key) {
    return load(limit, key, false).hasToken();
  }

  /** Spends one token, or throws 429 M_LIMIT_EXCEEDED if there is none. */
  public void spend(RateLimit limit, String key) {
    if (spendIfAvailable(limit, key)) {
      return;
    }
    TokenBucket bucket = load(limit, key, true);
    if (!bucket.hasToken()) {
      throw MatrixException.rateLimited(bucket.retryAfterMs(perSecond(limit)));
    }
    save(limit, key, bucket.take());
  }

  /**
   * Spends one token in the caller's transaction: it is only gone if the caller's work commits, and
   * the caller's own writes wait for no second commit.
   */
  @TransactionAttribute(TransactionAttributeType.MANDATORY)
  public void spendAlongside(RateLimit limit, String key) {
    spend(limit, key);
  }

  /** Spends one token if there is one (recording a failure that already happened). */
  public void record(RateLimit limit, String key) {
    TokenBucket bucket = load(limit, key, true);
    save(limit, key, bucket.hasToken() ? bucket.take() : bucket);
  }

  /**
   * The common case in one statement: the bucket exists and holds a token after refilling ({@link
   * TokenBucket#refill}'s arithmetic). The row lock the update takes keeps two nodes from both
   * spending the last token. False leaves the first spend and the refusal to {@link #load}.
   */
  private boolean spendIfAvailable(RateLimit limit, String key) {
    String refilled = "LEAST(?1, tokens + GREATEST(0, ?2 - updated_at) * ?3 / 1000.0)";
    return em.createNativeQuery(
                "UPDATE rate_limit_bucket SET tokens = "
                    + refilled
                    + " - 1, updated_at = ?2 WHERE bucket_key = ?4 AND "
                    + refilled
                    + " >= 1")
            .setParameter(1, burst(limit))
            .setParameter(2, clock.millis())
            .setParameter(3, perSecond(limit))
            .setParameter(4, limit.name() + ":" + key)
            .executeUpdate()
        == 1;
  }

  private TokenBucket load(RateLimit limit, String key, boolean lock) {
    String id = limit.name() + ":" + key;
    long now = clock.millis();
    @SuppressWarnings("unchecked")
    var query =
        em.createNativeQuery(
                "SELECT tokens, updated_at FROM rate_limit_bucket WHERE bucket_key = ?1"
                    + (lock ? " FOR UPDATE" : ""))
            .setParameter(1, id);
    List<Object[]> rows = query.getResultList();
    if (rows.isEmpty() && lock) {
      // two first spends at once: one inserts, the other waits on the row instead of failing
      em.createNativeQuery(
              "INSERT INTO rate_limit_bucket (bucket_key, tokens, updated_at) VALUES (?1, ?2, ?3)"
                  + " ON CONFLICT DO NOTHING")
          .setParameter(1, id)
          .setParameter(2, burst(limit))
          .setParameter(3, now)
          .executeUpdate();
      rows = query.getResultList();
    }
    if (rows.isEmpty()) {
      return new TokenBucket(burst(limit), now);
    }
    Object[] row = rows.get(0);
    return new TokenBucket(((Number) row[0]).doubleValue(), ((Number) row[1]).longValue())
        .refill(now, perSecond(limit), burst(limit));
  }

  /** The row exists: {@link #load} with a lock created it. */
  private void save(RateLimit limit, String key, TokenBucket bucket) {
    em.createNativeQuery(
            "UPDATE rate_limit_bucket SET tokens = ?1, updated_at = ?2 WHERE bucket_key = ?3")
        .setParameter(1, bucket.tokens())
        .setParameter(2, bucket.updatedAt())
        .setParameter(3, limit.name() + ":" + key)
        .executeUpdate();
  }
}
