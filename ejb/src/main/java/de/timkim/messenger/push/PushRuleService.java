package de.timkim.messenger.push;

import de.timkim.messenger.accounts.UserId;
import jakarta.ejb.Stateless;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** A user's push rules: the predefined rules of the spec, with the user's ID filled in. */
@Stateless
public class PushRuleService {

  private static final String DEFAULTS = load();

  public JsonObject rules(UserId userId) {
    String json = DEFAULTS.replace("${user_id}", userId.toString());
    return Json.createReader(new StringReader(json)).readObject();
  }

  private static String load() {
    try (InputStream in = PushRuleService.class.getResourceAsStream("default-push-rules.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
