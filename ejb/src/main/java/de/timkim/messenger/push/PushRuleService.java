package de.timkim.messenger.push;

import de.timkim.messenger.accountdata.AccountDataService;
import de.timkim.messenger.accounts.UserId;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A user's push rules (https://spec.matrix.org/v1.11/client-server-api/#push-rules-api): the spec's
 * server-default rules ({@link DefaultPushRules}), with the user's changes to their enabled flag
 * and actions, and the user's own rules, ranked as {@link PushRulesets} says. Every change is also
 * written as global account data m.push_rules, which is how clients learn of it in /sync.
 */
@Stateless
public class PushRuleService {

  private static final Set<String> SIMPLE_ACTIONS = Set.of("notify", "dont_notify", "coalesce");

  @PersistenceContext private EntityManager em;

  private PushRuleRepository repository;

  @Inject private AccountDataService accountData;

  @PostConstruct
  void start() {
    repository = new PushRuleRepository(em);
  }

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
    return PushRulesets.of(
        userId.toString(),
        repository.userRules(List.of(userId.toString())),
        repository.changes(userId));
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
    for (Object[] row : repository.ownRulesAndDefaultChanges(userIds)) {
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
      result.put(user, PushRulesets.of(user, mine, myChanges).getJsonObject("global"));
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
    RuleShape shape = shape(kind, body);
    if (before != null && after != null) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Give either before or after");
    }
    String user = userId.toString();
    List<String> order = placed(user, kind, ruleId, before, after);
    repository.replaceOwnRule(
        user, kind, ruleId, shape.conditions(), shape.pattern(), actions.toString());
    repository.reorder(user, kind, order);
    published(userId);
  }

  /** What an own rule matches on: conditions (override, underride) or a pattern (content). */
  private record RuleShape(String conditions, String pattern) {}

  private static RuleShape shape(String kind, JsonObject body) {
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
        return new RuleShape(list.toString(), null);
      }
      case "content" -> {
        if (!(body.get("pattern") instanceof JsonString p) || p.getString().isEmpty()) {
          throw new MatrixException(ErrorCode.M_BAD_JSON, "Content rules need a pattern");
        }
        requireAcceptableGlob(p.getString());
        return new RuleShape(null, p.getString());
      }
      default -> {
        // room and sender rules are named by the room or user they apply to
        return new RuleShape(null, null);
      }
    }
  }

  /**
   * The order of the user's own rules of a kind with {@code ruleId} placed: before or after the
   * rule named, else where it was, else first.
   */
  private List<String> placed(
      String user, String kind, String ruleId, String before, String after) {
    List<String> order = new ArrayList<>(repository.ownRuleIds(user, kind));
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
      index = existed ? repository.ownRuleIds(user, kind).indexOf(ruleId) : 0;
    }
    order.add(index, ruleId);
    return order;
  }

  /** DELETE /pushrules/global/{kind}/{ruleId}: only the user's own rules can go. */
  public void deleteRule(UserId userId, String scope, String kind, String ruleId) {
    requireScopeAndKind(scope, kind);
    if (DefaultPushRules.isDefault(kind, ruleId)) {
      throw new MatrixException(
          ErrorCode.M_INVALID_PARAM, "Server-default push rules cannot be deleted");
    }
    int deleted = repository.deleteOwnRule(userId.toString(), kind, ruleId);
    if (deleted == 0) {
      throw new MatrixException(ErrorCode.M_NOT_FOUND, "Unknown push rule");
    }
    published(userId);
  }

  /** PUT /pushrules/global/{kind}/{ruleId}/enabled. */
  public void setEnabled(UserId userId, String scope, String kind, String ruleId, boolean enabled) {
    rule(userId, scope, kind, ruleId);
    if (DefaultPushRules.isDefault(kind, ruleId)) {
      repository.changeDefault(userId, ruleId, enabled, null);
    } else {
      repository.updateOwn(userId, kind, ruleId, "enabled", enabled);
    }
    published(userId);
  }

  /** PUT /pushrules/global/{kind}/{ruleId}/actions. */
  public void setActions(
      UserId userId, String scope, String kind, String ruleId, JsonValue actionsGiven) {
    rule(userId, scope, kind, ruleId);
    JsonArray actions = validActions(actionsGiven);
    if (DefaultPushRules.isDefault(kind, ruleId)) {
      repository.changeDefault(userId, ruleId, null, actions.toString());
    } else {
      repository.updateOwn(userId, kind, ruleId, "actions", actions.toString());
    }
    published(userId);
  }

  private void published(UserId userId) {
    accountData.set(userId, null, "m.push_rules", rules(userId));
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
}
