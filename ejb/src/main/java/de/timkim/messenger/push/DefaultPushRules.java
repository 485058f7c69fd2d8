package de.timkim.messenger.push;

import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The spec's server-default push rules
 * (https://spec.matrix.org/v1.11/client-server-api/#predefined-rules), read once from {@code
 * default-push-rules.json} and filled in per user.
 */
final class DefaultPushRules {

  static final String MASTER = ".m.rule.master";

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

  private DefaultPushRules() {}

  /** The default ruleset of {@code user}, {"global": {...}}. */
  static JsonObject of(String user) {
    JsonObject cached = DEFAULTS_BY_USER.get(user);
    if (cached == null) {
      // JSON-P values are immutable, so every caller may share one
      cached = parse(DEFAULTS.replace("${user_id}", user)).asJsonObject();
      DEFAULTS_BY_USER.put(user, cached);
    }
    return cached;
  }

  /** Whether {@code ruleId} names one of the server-default rules of that kind. */
  static boolean isDefault(String kind, String ruleId) {
    return ruleId.startsWith(".")
        && of("@x:x").getJsonObject("global").getJsonArray(kind).stream()
            .anyMatch(r -> ruleId.equals(r.asJsonObject().getString("rule_id")));
  }

  static JsonValue parse(String json) {
    return Jsonp.createReader(new StringReader(json)).readValue();
  }

  private static String load() {
    try (InputStream in = DefaultPushRules.class.getResourceAsStream("default-push-rules.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
