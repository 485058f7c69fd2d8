package de.timkim.messenger.accounts;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import de.timkim.platform.ratelimit.RateLimit;
import de.timkim.platform.ratelimit.RateLimiter;
import de.timkim.platform.security.PasswordHasher;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * User-interactive authentication
 * (https://spec.matrix.org/v1.11/client-server-api/#user-interactive-authentication-api). A call
 * either returns the completed session or throws the spec's 401 body listing flows, params, the
 * session ID and the stages done so far.
 */
@Stateless
public class UserInteractiveAuth {

  public static final String REGISTRATION_TOKEN = "m.login.registration_token";
  public static final String PASSWORD = "m.login.password";

  private static final String REGISTER_PREFIX = "register:";

  /** Registration sessions are bound to the server name (messenger service) they started on. */
  public static String registrationPurpose(String serverName) {
    return REGISTER_PREFIX + serverName;
  }

  static final Duration SESSION_LIFETIME = Duration.ofMinutes(30);

  /**
   * Open sessions at most (all purposes, all nodes): anybody may open one without a token, so a
   * flood of {@code POST /register {}} fills the table only this far until {@link
   * UiaSessionPurgeJob} removes the expired ones.
   */
  @Inject
  @ConfigProperty(name = "tim.matrix.uia.max-open-sessions", defaultValue = "10000")
  long maxOpenSessions;

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private RegistrationTokens registrationTokens;

  @Inject private RateLimiter rateLimiter;

  /**
   * Checks {@code auth} (the request's "auth" object, may be null) against one flow of stages.
   *
   * @param userId the user the operation is for (null for registration)
   */
  public UiaSession require(String purpose, UserId userId, JsonObject auth, List<String> flow) {
    if (auth == null || !auth.containsKey("session") && !auth.containsKey("type")) {
      UiaSession session = start(purpose, userId);
      throw challenge(session, flow, null);
    }
    UiaSession session = find(auth, purpose, userId);
    if (auth.containsKey("type")) {
      String type = auth.getString("type", "");
      if (!flow.contains(type)) {
        throw challenge(
            session, flow, new MatrixException(ErrorCode.M_UNRECOGNIZED, "Unknown stage " + type));
      }
      if (PASSWORD.equals(type) && userId != null) {
        // a stolen access token must not buy endless password guesses (checked before the hash,
        // so a throttled guess costs no CPU either)
        rateLimiter.check(RateLimit.FAILED_UIA_PASSWORD_PER_ACCOUNT, userId.toString());
      }
      try {
        completeStage(session, userId, type, auth);
      } catch (MatrixException stageFailed) {
        throw challenge(session, flow, stageFailed);
      }
    }
    if (!session.completed().containsAll(flow)) {
      throw challenge(session, flow, null);
    }
    return session;
  }

  private void completeStage(UiaSession session, UserId userId, String type, JsonObject auth) {
    switch (type) {
      case REGISTRATION_TOKEN -> {
        String token = string(auth, "token");
        registrationTokens.requireUsable(
            token, session.purpose().substring(REGISTER_PREFIX.length()));
        // the session keeps the token as it is stored: hashed
        session.useRegistrationToken(Tokens.hash(token));
      }
      case PASSWORD -> {
        MatrixUser user = userId == null ? null : em.find(MatrixUser.class, userId.toString());
        String claimed = identifierUser(auth);
        boolean sameUser =
            claimed == null
                || userId == null
                || UserId.fromLogin(claimed, userId.serverName()).equals(userId);
        if (user == null
            || !sameUser
            || !PasswordHasher.matches(string(auth, "password"), user.passwordHash())) {
          if (userId != null) {
            rateLimiter.record(RateLimit.FAILED_UIA_PASSWORD_PER_ACCOUNT, userId.toString());
          }
          throw new MatrixException(ErrorCode.M_FORBIDDEN, "Invalid password");
        }
      }
      default -> throw new MatrixException(ErrorCode.M_UNRECOGNIZED, "Unknown stage " + type);
    }
    session.complete(type);
  }

  /** Deletes the sessions past {@link #SESSION_LIFETIME}; returns how many. */
  public int purgeExpired() {
    return em.createNativeQuery("DELETE FROM uia_session WHERE created_at < ?1")
        .setParameter(1, clock.millis() - SESSION_LIFETIME.toMillis())
        .executeUpdate();
  }

  /** The "identifier.user" of m.id.user, or the deprecated top-level "user". */
  static String identifierUser(JsonObject body) {
    JsonObject identifier = body.getJsonObject("identifier");
    if (identifier != null && "m.id.user".equals(identifier.getString("type", null))) {
      return identifier.getString("user", null);
    }
    return body.containsKey("user") && body.get("user").getValueType() == JsonValue.ValueType.STRING
        ? body.getString("user")
        : null;
  }

  private UiaSession start(String purpose, UserId userId) {
    long open =
        ((Number) em.createNativeQuery("SELECT COUNT(*) FROM uia_session").getSingleResult())
            .longValue();
    if (open >= maxOpenSessions) {
      throw MatrixException.rateLimited(60_000);
    }
    UiaSession session =
        new UiaSession(
            Tokens.newSessionId(),
            purpose,
            userId == null ? null : userId.toString(),
            clock.millis());
    em.persist(session);
    return session;
  }

  private UiaSession find(JsonObject auth, String purpose, UserId userId) {
    String id = auth.getString("session", null);
    UiaSession session = id == null ? null : em.find(UiaSession.class, id);
    if (session == null) {
      return start(purpose, userId);
    }
    boolean expired = session.createdAt() + SESSION_LIFETIME.toMillis() < clock.millis();
    boolean otherUser = userId != null && !userId.toString().equals(session.userId());
    if (expired || !purpose.equals(session.purpose()) || otherUser) {
      throw new MatrixException(
          ErrorCode.M_FORBIDDEN, "This authentication session is not valid here");
    }
    return session;
  }

  /** The spec's 401: flows, params, session, completed; errcode/error when a stage just failed. */
  private MatrixException challenge(UiaSession session, List<String> flow, MatrixException failed) {
    JsonArrayBuilder stages = Jsonp.createArrayBuilder();
    flow.forEach(stages::add);
    JsonArrayBuilder completed = Jsonp.createArrayBuilder();
    Set<String> done = session.completed();
    done.forEach(completed::add);
    Map<String, Object> body = new HashMap<>();
    body.put(
        "flows",
        Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder().add("stages", stages)).build());
    body.put("params", JsonValue.EMPTY_JSON_OBJECT);
    body.put("session", session.sessionId());
    body.put("completed", completed.build());
    ErrorCode code = failed == null ? ErrorCode.M_UNAUTHORIZED : failed.errorCode();
    String message = failed == null ? "Additional authentication required" : failed.getMessage();
    // the UIA session must survive for the client's next attempt
    return new MatrixException.KeepingChanges(code, 401, message, body);
  }

  private static String string(JsonObject object, String key) {
    JsonValue value = object.get(key);
    if (value == null || value.getValueType() != JsonValue.ValueType.STRING) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must be a string");
    }
    return object.getString(key);
  }
}
