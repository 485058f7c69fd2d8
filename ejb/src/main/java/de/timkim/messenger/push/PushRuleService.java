package de.timkim.messenger.push;

import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.UserId;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's push rules (https://spec.matrix.org/v1.11/client-server-api/#push-rules-api): the spec's
 * server-default rules, with the user's changes to their enabled flag and actions, and the user's
 * own rules. Own override rules rank below .m.rule.master and above the other default override
 * rules; own content and underride rules above the default ones, as in Synapse. Every change is
 * also written as global account data m.push_rules, which is how clients learn of it in /sync.
 */
@Stateless
public class PushRuleService {

  private static final String DEFAULTS = load();

  /**
   * The parsed default rules per user: a function of the user ID and a constant resource, so this
   * node-local cache needs no invalidation. Every send evaluates every member's rules, and parsing
   * them anew each time was the largest CPU cost of a send (JFR).
   */
  private static final int CACHED_DEFAULTS = 10_000;

  private static final Map<String, JsonObject> DEFAULTS_BY_USER =
      Collections.synchronizedMap(
          new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, JsonObject> eldest) {
              return size() > CACHED_DEFAULTS;
            }
          });
  private static final String MASTER = ".m.rule.master";
  private static final Set<String> SIMPLE_ACTIONS = Set.of("notify", "dont_notify", "coalesce");

  @PersistenceContext private EntityManager em;

  @Inject private AccountDataService accountData;

  /**
   * Patterns are evaluated for every recipient of every event, inside the send transaction: their
   * size is bounded so that even the linear-time {@link Glob} stays cheap.
   */
  private static void requireAcceptableGlob(String pattern) {
    if (!Glob.acceptable(pattern)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM,
          "Patterns are limited to "
              + Glob.MAX_LENGTH
              + " characters and "
              + Glob.MAX_WILDCARDS
              + " wildcards");
    }
  }

  /** GET /pushrules/: the whole ruleset, {"global": {...}}. */
  public JsonObject rules(UserId userId) {
    return ruleset(userId.toString(), userRules(List.of(userId.toString())), changes(userId));
  }

  /**
   * The "global" rulesets of several users at once, for evaluating an event: one query, as every
   * message reads them for the room's members before it is stored.
   */
  public Map<String, JsonObject> globalRulesets(Collection<String> userIds) {
    Map<String, JsonObject> result = new HashMap<>();
    if (userIds.isEmpty()) {
      return result;
    }
    List<Object[]> own = new ArrayList<>();
    List<Object[]> changed = new ArrayList<>();
    for (Object[] row : ownRulesAndDefaultChanges(userIds)) {
      if ("own".equals(row[0])) {
        own.add(new Object[] {row[1], row[2], row[3], row[4], row[5], row[6], row[7]});
      } else {
        changed.add(new Object[] {row[1], row[3], row[7], row[6]});
      }
    }
    for (String user : userIds) {
      List<Object[]> mine = own.stream().filter(r -> user.equals(r[0])).toList();
      Map<String, Object[]> myChanges = new HashMap<>();
      changed.stream().filter(r -> user.equals(r[0])).forEach(r -> myChanges.put((String) r[1], r));
      result.put(user, ruleset(user, mine, myChanges).getJsonObject("global"));
    }
    return result;
  }

  /** GET /pushrules/global/{kind}/{ruleId}. */
  public JsonObject rule(UserId userId, String scope, String kind, String ruleId) {
    requireScopeAndKind(scope, kind);
    JsonArray rules = rules(userId).getJsonObject("global").getJsonArray(kind);
    return rules.stream()
        .map(JsonValue::asJsonObject)
        .filter(r -> ruleId.equals(r.getString("rule_id")))
        .findFirst()
        .orElseThrow(() -> new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown push rule"));
  }

  /**
   * PUT /pushrules/global/{kind}/{ruleId}: adds or replaces one of the user's own rules; a new rule
   * goes first among the user's rules of its kind unless {@code before} or {@code after} name one
   * of them.
   */
  public void putRule(
      UserId userId,
      String scope,
      String kind,
      String ruleId,
      String before,
      String after,
      JsonObject body) {
    requireScopeAndKind(scope, kind);
    if (ruleId.isEmpty() || ruleId.startsWith(".") || ruleId.contains("\\")) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Own push rule IDs must not be empty or start with '.'");
    }
    JsonArray actions = validActions(body.get("actions"));
    String conditions = null;
    String pattern = null;
    switch (kind) {
      case "override", "underride" -> {
        JsonValue given = body.get("conditions");
        if (given != null && !(given instanceof JsonArray)) {
          throw new MatrixException(ErrorCode.M_BAD_JSON, "conditions must be an array");
        }
        JsonArray list = given == null ? JsonValue.EMPTY_JSON_ARRAY : (JsonArray) given;
        for (JsonValue condition : list) {
          if (!(condition instanceof JsonObject c) || !(c.get("kind") instanceof JsonString)) {
            throw new MatrixException(
                ErrorCode.M_BAD_JSON, "Each condition must be an object with a kind");
          }
          if (c.get("pattern") instanceof JsonString p) {
            requireAcceptableGlob(p.getString());
          }
        }
        conditions = list.toString();
      }
      case "content" -> {
        if (!(body.get("pattern") instanceof JsonString p) || p.getString().isEmpty()) {
          throw new MatrixException(ErrorCode.M_BAD_JSON, "Content rules need a pattern");
        }
        pattern = p.getString();
        requireAcceptableGlob(pattern);
      }
      default -> {
        // room and sender rules are named by the room or user they apply to
      }
    }
    if (before != null && after != null) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Give either before or after");
    }
    String user = userId.toString();
    List<String> order = new ArrayList<>(ownRuleIds(user, kind));
    boolean existed = order.remove(ruleId);
    String anchor = before != null ? before : after;
    int index;
    if (anchor != null) {
      if (anchor.startsWith(".")) {
        throw new MatrixException(
            ErrorCode.M_INVALID_PARAM, "Rules cannot be placed relative to server-default rules");
      }
      int at = order.indexOf(anchor);
      if (at < 0) {
        throw new MatrixException(ErrorCode.M_NOT_FOUND, "No such rule: " + anchor);
      }
      index = before != null ? at : at + 1;
    } else {
      index = existed ? ownRuleIds(user, kind).indexOf(ruleId) : 0;
    }
    order.add(index, ruleId);
    em.createNativeQuery("DELETE FROM push_rule WHERE user_id = ?1 AND kind = ?2 AND rule_id = ?3")
        .setParameter(1, user)
        .setParameter(2, kind)
        .setParameter(3, ruleId)
        .executeUpdate();
    // conditions and pattern are exclusive: the other is written as NULL (an untyped null
    // parameter is refused by PostgreSQL's driver)
    em.createNativeQuery(
            "INSERT INTO push_rule (user_id, kind, rule_id, priority, conditions, pattern, actions,"
                + " enabled) VALUES (?1, ?2, ?3, 0, "
                + (conditions != null ? "?4, NULL" : pattern != null ? "NULL, ?4" : "NULL, NULL")
                + ", ?5, TRUE)")
        .setParameter(1, user)
        .setParameter(2, kind)
        .setParameter(3, ruleId)
        .setParameter(4, conditions != null ? conditions : pattern != null ? pattern : "")
        .setParameter(5, actions.toString())
        .executeUpdate();
    for (int i = 0; i < order.size(); i++) {
      em.createNativeQuery(
              "UPDATE push_rule SET priority = ?1 WHERE user_id = ?2 AND kind = ?3 AND rule_id = ?4")
          .setParameter(1, (long) (order.size() - i))
          .setParameter(2, user)
          .setParameter(3, kind)
          .setParameter(4, order.get(i))
          .executeUpdate();
    }
    published(userId);
  }

  /** DELETE /pushrules/global/{kind}/{ruleId}: only the user's own rules can go. */
  public void deleteRule(UserId userId, String scope, String kind, String ruleId) {
    requireScopeAndKind(scope, kind);
    if (isDefault(kind, ruleId)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Server-default push rules cannot be deleted");
    }
    int deleted =
        em.createNativeQuery(
                "DELETE FROM push_rule WHERE user_id = ?1 AND kind = ?2 AND rule_id = ?3")
            .setParameter(1, userId.toString())
            .setParameter(2, kind)
            .setParameter(3, ruleId)
            .executeUpdate();
    if (deleted == 0) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown push rule");
    }
    published(userId);
  }

  /** PUT /pushrules/global/{kind}/{ruleId}/enabled. */
  public void setEnabled(UserId userId, String scope, String kind, String ruleId, boolean enabled) {
    rule(userId, scope, kind, ruleId);
    if (isDefault(kind, ruleId)) {
      changeDefault(userId, ruleId, enabled, null);
    } else {
      updateOwn(userId, kind, ruleId, "enabled", enabled);
    }
    published(userId);
  }

  /** PUT /pushrules/global/{kind}/{ruleId}/actions. */
  public void setActions(
      UserId userId, String scope, String kind, String ruleId, JsonValue actionsGiven) {
    rule(userId, scope, kind, ruleId);
    JsonArray actions = validActions(actionsGiven);
    if (isDefault(kind, ruleId)) {
      changeDefault(userId, ruleId, null, actions.toString());
    } else {
      updateOwn(userId, kind, ruleId, "actions", actions.toString());
    }
    published(userId);
  }

  // ---- storage

  private void published(UserId userId) {
    accountData.set(userId, null, "m.push_rules", rules(userId));
  }

  private void updateOwn(UserId userId, String kind, String ruleId, String column, Object value) {
    em.createNativeQuery(
            "UPDATE push_rule SET "
                + column
                + " = ?1 WHERE user_id = ?2 AND kind = ?3 AND rule_id = ?4")
        .setParameter(1, value)
        .setParameter(2, userId.toString())
        .setParameter(3, kind)
        .setParameter(4, ruleId)
        .executeUpdate();
  }

  private void changeDefault(UserId userId, String ruleId, Boolean enabled, String actions) {
    int updated =
        em.createNativeQuery(
                "UPDATE push_rule_default_change SET "
                    + (enabled != null ? "enabled" : "actions")
                    + " = ?1 WHERE user_id = ?2 AND rule_id = ?3")
            .setParameter(1, enabled != null ? enabled : actions)
            .setParameter(2, userId.toString())
            .setParameter(3, ruleId)
            .executeUpdate();
    if (updated == 0) {
      em.createNativeQuery(
              "INSERT INTO push_rule_default_change (user_id, rule_id, enabled, actions) VALUES"
                  + (enabled != null ? " (?1, ?2, ?3, NULL)" : " (?1, ?2, NULL, ?3)"))
          .setParameter(1, userId.toString())
          .setParameter(2, ruleId)
          .setParameter(3, enabled != null ? enabled : actions)
          .executeUpdate();
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> ownRuleIds(String user, String kind) {
    return em.createNativeQuery(
            "SELECT rule_id FROM push_rule WHERE user_id = ?1 AND kind = ?2"
                + " ORDER BY priority DESC, rule_id")
        .setParameter(1, user)
        .setParameter(2, kind)
        .getResultList();
  }

  /** Rows: user_id, kind, rule_id, conditions, pattern, actions, enabled; best first. */
  @SuppressWarnings("unchecked")
  private List<Object[]> userRules(Collection<String> users) {
    return em.createNativeQuery(
            "SELECT user_id, kind, rule_id, conditions, pattern, actions, enabled FROM push_rule"
                + " WHERE user_id IN (:users) ORDER BY priority DESC, rule_id")
        .setParameter("users", users)
        .getResultList();
  }

  /**
   * Rows: "own" or "default", user_id, kind, rule_id, conditions, pattern, actions, enabled; the
   * users' own rules best first as {@link #userRules} orders them, their changes to the default
   * rules (kind, conditions and pattern empty) after them.
   */
  @SuppressWarnings("unchecked")
  private List<Object[]> ownRulesAndDefaultChanges(Collection<String> users) {
    return em.createNativeQuery(
            "SELECT 'own', user_id, kind, rule_id, conditions, pattern, actions, enabled, priority"
                + " FROM push_rule WHERE user_id IN (:users)"
                + " UNION ALL SELECT 'default', user_id, NULL, rule_id, NULL, NULL, actions, enabled,"
                + " NULL FROM push_rule_default_change WHERE user_id IN (:users)"
                + " ORDER BY 1 DESC, 9 DESC, 4")
        .setParameter("users", users)
        .getResultList();
  }

  /** Rows: user_id, rule_id, enabled, actions. */
  @SuppressWarnings("unchecked")
  private List<Object[]> defaultChanges(Collection<String> users) {
    return em.createNativeQuery(
            "SELECT user_id, rule_id, enabled, actions FROM push_rule_default_change"
                + " WHERE user_id IN (:users)")
        .setParameter("users", users)
        .getResultList();
  }

  private Map<String, Object[]> changes(UserId userId) {
    Map<String, Object[]> byRule = new HashMap<>();
    defaultChanges(List.of(userId.toString())).forEach(r -> byRule.put((String) r[1], r));
    return byRule;
  }

  // ---- assembling

  private static JsonObject ruleset(
      String user, List<Object[]> ownRows, Map<String, Object[]> defaultChanges) {
    JsonObject defaults = defaults(user).getJsonObject("global");
    JsonObjectBuilder global = Jsonp.createObjectBuilder();
    for (String kind : PushRuleEvaluator.KINDS) {
      JsonArrayBuilder rules = Jsonp.createArrayBuilder();
      List<JsonObject> builtIn =
          defaults.getJsonArray(kind).stream()
              .map(v -> changed(v.asJsonObject(), defaultChanges))
              .toList();
      builtIn.stream().filter(r -> MASTER.equals(r.getString("rule_id"))).forEach(rules::add);
      ownRows.stream().filter(r -> kind.equals(r[1])).forEach(r -> rules.add(ownRule(r)));
      builtIn.stream().filter(r -> !MASTER.equals(r.getString("rule_id"))).forEach(rules::add);
      global.add(kind, rules);
    }
    return Jsonp.createObjectBuilder().add("global", global).build();
  }

  private static JsonObject changed(JsonObject rule, Map<String, Object[]> changes) {
    Object[] change = changes.get(rule.getString("rule_id"));
    if (change == null) {
      return rule;
    }
    JsonObjectBuilder result = Jsonp.createObjectBuilder(rule);
    if (change[2] != null) {
      result.add("enabled", (Boolean) change[2]);
    }
    if (change[3] != null) {
      result.add("actions", parse(change[3].toString()));
    }
    return result.build();
  }

  private static JsonObject ownRule(Object[] row) {
    JsonObjectBuilder rule =
        Jsonp.createObjectBuilder()
            .add("rule_id", (String) row[2])
            .add("default", false)
            .add("enabled", (Boolean) row[6])
            .add("actions", parse(row[5].toString()));
    if (row[3] != null) {
      rule.add("conditions", parse(row[3].toString()));
    }
    if (row[4] != null) {
      rule.add("pattern", (String) row[4]);
    }
    return rule.build();
  }

  private static boolean isDefault(String kind, String ruleId) {
    return ruleId.startsWith(".")
        && defaults("@x:x").getJsonObject("global").getJsonArray(kind).stream()
            .anyMatch(r -> ruleId.equals(r.asJsonObject().getString("rule_id")));
  }

  private static JsonArray validActions(JsonValue value) {
    if (!(value instanceof JsonArray actions)) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "actions must be an array");
    }
    for (JsonValue action : actions) {
      boolean valid =
          action instanceof JsonString s && SIMPLE_ACTIONS.contains(s.getString())
              || action instanceof JsonObject o && o.get("set_tweak") instanceof JsonString;
      if (!valid) {
        throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Unknown push rule action " + action);
      }
    }
    return actions;
  }

  private static void requireScopeAndKind(String scope, String kind) {
    if (!"global".equals(scope)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "The only push rule scope is global");
    }
    if (!PushRuleEvaluator.KINDS.contains(kind)) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Unknown push rule kind " + kind);
    }
  }

  private static JsonObject defaults(String user) {
    JsonObject cached = DEFAULTS_BY_USER.get(user);
    if (cached == null) {
      // JSON-P values are immutable, so every caller may share one
      cached = parse(DEFAULTS.replace("${user_id}", user)).asJsonObject();
      DEFAULTS_BY_USER.put(user, cached);
    }
    return cached;
  }

  private static JsonValue parse(String json) {
    return Jsonp.createReader(new StringReader(json)).readValue();
  }

  private static String load() {
    try (InputStream in = PushRuleService.class.getResourceAsStream("default-push-rules.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
