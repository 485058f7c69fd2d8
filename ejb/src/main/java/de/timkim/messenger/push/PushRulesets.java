package de.timkim.messenger.push;

import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.util.List;
import java.util.Map;

/**
 * Assembles a user's ruleset from the default rules, the user's changes to them and the user's own
 * rules. Own override rules rank below .m.rule.master and above the other default override rules;
 * own content and underride rules above the default ones, as in Synapse.
 */
final class PushRulesets {

  private PushRulesets() {}

  /**
   * The ruleset, {"global": {...}}, from {@code ownRows} as {@link PushRuleRepository#userRules}
   * returns them and the changes to default rules by rule ID.
   */
  static JsonObject of(String user, List<Object[]> ownRows, Map<String, Object[]> defaultChanges) {
    JsonObject defaults = DefaultPushRules.of(user).getJsonObject("global");
    JsonObjectBuilder global = Jsonp.createObjectBuilder();
    for (String kind : PushRuleEvaluator.KINDS) {
      JsonArrayBuilder rules = Jsonp.createArrayBuilder();
      List<JsonObject> builtIn =
          defaults.getJsonArray(kind).stream()
              .map(v -> changed(v.asJsonObject(), defaultChanges))
              .toList();
      builtIn.stream()
          .filter(r -> DefaultPushRules.MASTER.equals(r.getString("rule_id")))
          .forEach(rules::add);
      ownRows.stream().filter(r -> kind.equals(r[1])).forEach(r -> rules.add(ownRule(r)));
      builtIn.stream()
          .filter(r -> !DefaultPushRules.MASTER.equals(r.getString("rule_id")))
          .forEach(rules::add);
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
      result.add("actions", DefaultPushRules.parse(change[3].toString()));
    }
    return result.build();
  }

  private static JsonObject ownRule(Object[] row) {
    JsonObjectBuilder rule =
        Jsonp.createObjectBuilder()
            .add("rule_id", (String) row[2])
            .add("default", false)
            .add("enabled", (Boolean) row[6])
            .add("actions", DefaultPushRules.parse(row[5].toString()));
    if (row[3] != null) {
      rule.add("conditions", DefaultPushRules.parse(row[3].toString()));
    }
    if (row[4] != null) {
      rule.add("pattern", (String) row[4]);
    }
    return rule.build();
  }
}
