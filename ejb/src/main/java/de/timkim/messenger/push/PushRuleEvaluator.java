package de.timkim.messenger.push;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what one user's push rules say about one event
 * (https://spec.matrix.org/v1.11/client-server-api/#push-rules): the first enabled rule, in the
 * order override, content, room, sender, underride, whose conditions all hold gives the actions.
 * Pure logic, no database: the caller supplies the room facts.
 */
public final class PushRuleEvaluator {

  /** The kinds in the order the spec evaluates them. */
  public static final List<String> KINDS =
      List.of("override", "content", "room", "sender", "underride");

  private static final Pattern MEMBER_COUNT = Pattern.compile("(==|<=|>=|<|>)?([0-9]+)");

  /**
   * What the evaluator knows about the room and the recipient when an event arrives.
   *
   * @param memberCount joined members of the room
   * @param displayName the recipient's display name in the room, or null
   * @param senderPowerLevel the sender's power level
   * @param notificationLevels the room's power_levels "notifications" object (may be empty)
   */
  public record Context(
      int memberCount, String displayName, long senderPowerLevel, JsonObject notificationLevels) {}

  /** The outcome for the recipient: whether to notify, and whether it is a highlight. */
  public record Outcome(boolean notifies, boolean highlight) {
    public static final Outcome NOTHING = new Outcome(false, false);
  }

  private PushRuleEvaluator() {}

  /** Evaluates a ruleset ({@code global} object of GET /pushrules/) against an event. */
  public static Outcome evaluate(JsonObject global, JsonObject event, Context context) {
    for (String kind : KINDS) {
      JsonValue rules = global.get(kind);
      if (!(rules instanceof JsonArray list)) {
        continue;
      }
      for (JsonValue value : list) {
        if (value instanceof JsonObject rule
            && rule.getBoolean("enabled", true)
            && matches(kind, rule, event, context)) {
          return outcome(rule.getJsonArray("actions"));
        }
      }
    }
    return Outcome.NOTHING;
  }

  /** "notify" notifies; a highlight tweak without value, or with true, highlights. */
  static Outcome outcome(JsonArray actions) {
    if (actions == null) {
      return Outcome.NOTHING;
    }
    boolean notify = false;
    boolean highlight = false;
    for (JsonValue action : actions) {
      if (action instanceof JsonString s && "notify".equals(s.getString())) {
        notify = true;
      } else if (action instanceof JsonObject tweak
          && "highlight".equals(tweak.getString("set_tweak", ""))) {
        highlight = !JsonValue.FALSE.equals(tweak.get("value"));
      }
    }
    // a highlight without a notification is not counted by Synapse either
    return new Outcome(notify, notify && highlight);
  }

  static boolean matches(String kind, JsonObject rule, JsonObject event, Context context) {
    String ruleId = rule.getString("rule_id", "");
    switch (kind) {
      case "content" -> {
        String pattern = rule.getString("pattern", null);
        return pattern != null && eventMatch(event, "content.body", pattern);
      }
      case "room" -> {
        return ruleId.equals(stringAt(event, "room_id"));
      }
      case "sender" -> {
        return ruleId.equals(stringAt(event, "sender"));
      }
      default -> {
        JsonValue conditions = rule.get("conditions");
        if (conditions == null || conditions.getValueType() == JsonValue.ValueType.NULL) {
          return true;
        }
        if (!(conditions instanceof JsonArray list)) {
          return false;
        }
        for (JsonValue condition : list) {
          if (!(condition instanceof JsonObject c) || !conditionHolds(c, event, context)) {
            return false;
          }
        }
        return true;
      }
    }
  }

  /** One condition (https://spec.matrix.org/v1.11/client-server-api/#conditions-1). */
  static boolean conditionHolds(JsonObject condition, JsonObject event, Context context) {
    String key = condition.getString("key", null);
    switch (condition.getString("kind", "")) {
      case "event_match" -> {
        String pattern = condition.getString("pattern", null);
        return key != null && pattern != null && eventMatch(event, key, pattern);
      }
      case "event_property_is" -> {
        JsonValue value = key == null ? null : valueAt(event, key);
        return value != null && isScalar(value) && value.equals(condition.get("value"));
      }
      case "event_property_contains" -> {
        JsonValue value = key == null ? null : valueAt(event, key);
        JsonValue wanted = condition.get("value");
        return value instanceof JsonArray array
            && wanted != null
            && array.stream().anyMatch(v -> isScalar(v) && v.equals(wanted));
      }
      case "contains_display_name" -> {
        String body = stringAt(event, "content.body");
        String name = context.displayName();
        return body != null && name != null && !name.isBlank() && containsWord(body, name);
      }
      case "room_member_count" -> {
        return memberCountMatches(condition.getString("is", ""), context.memberCount());
      }
      case "sender_notification_permission" -> {
        if (key == null) {
          return false;
        }
        long required =
            context.notificationLevels() != null
                    && context.notificationLevels().get(key) instanceof JsonNumber n
                ? n.longValue()
                : 50;
        return context.senderPowerLevel() >= required;
      }
      default -> {
        // unknown conditions never match, so a rule with one never applies
        return false;
      }
    }
  }

  /**
   * event_match: a glob ({@code *}, {@code ?}) against the string at the dotted key, case
   * insensitively. Against content.body the pattern only has to match whole words, as Synapse and
   * the spec's content rules do; elsewhere it must match the whole value.
   */
  static boolean eventMatch(JsonObject event, String key, String pattern) {
    String value = stringAt(event, key);
    if (value == null) {
      return false;
    }
    if ("content.body".equals(key)) {
      return new Glob(pattern).matchesWord(value);
    }
    return new Glob(pattern).matchesWhole(value);
  }

  private static boolean containsWord(String body, String word) {
    return Pattern.compile(
            "(?<![\\p{L}\\p{N}_])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}_])",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE)
        .matcher(body)
        .find();
  }

  /** room_member_count's "is": a number with an optional ==, &lt;, &gt;, &lt;= or &gt;= prefix. */
  static boolean memberCountMatches(String is, int count) {
    Matcher m = MEMBER_COUNT.matcher(is.trim());
    if (!m.matches()) {
      return false;
    }
    long wanted;
    try {
      wanted = Long.parseLong(m.group(2));
    } catch (NumberFormatException e) {
      return false;
    }
    String op = m.group(1) == null ? "==" : m.group(1);
    return switch (op) {
      case "<" -> count < wanted;
      case ">" -> count > wanted;
      case "<=" -> count <= wanted;
      case ">=" -> count >= wanted;
      default -> count == wanted;
    };
  }

  /**
   * Splits a dotted key: dots separate levels, {@code \.} is a literal dot and {@code \\} a literal
   * backslash (https://spec.matrix.org/v1.11/appendices/#dot-separated-property-paths).
   */
  static List<String> splitKey(String key) {
    List<String> parts = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c == '\\' && i + 1 < key.length()) {
        char next = key.charAt(i + 1);
        if (next == '.' || next == '\\') {
          current.append(next);
          i++;
          continue;
        }
        current.append(c);
      } else if (c == '.') {
        parts.add(current.toString());
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    parts.add(current.toString());
    return parts;
  }

  static JsonValue valueAt(JsonObject event, String key) {
    JsonValue current = event;
    for (String part : splitKey(key)) {
      if (!(current instanceof JsonObject object) || !object.containsKey(part)) {
        return null;
      }
      current = object.get(part);
    }
    return current;
  }

  private static String stringAt(JsonObject event, String key) {
    return valueAt(event, key) instanceof JsonString s ? s.getString() : null;
  }

  private static boolean isScalar(JsonValue value) {
    return switch (value.getValueType()) {
      case STRING, NUMBER, TRUE, FALSE, NULL -> !(value instanceof JsonNumber n) || isInteger(n);
      default -> false;
    };
  }

  /** The spec allows only integers in these comparisons (canonical JSON has no floats). */
  private static boolean isInteger(JsonNumber n) {
    return n.isIntegral();
  }
}
