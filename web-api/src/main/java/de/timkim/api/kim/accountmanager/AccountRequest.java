package de.timkim.api.kim.accountmanager;

import de.timkim.kim.accounts.KimAccountException;
import de.timkim.kim.accounts.KimAccountException.Reason;
import de.timkim.kim.mail.KimAddress;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * gematik's Account object as a request, and the header values of the account manager (passwords
 * base64 encoded, format byte). Bad input fails here with 400 in gematik's error format.
 */
record AccountRequest(
    String referenceId,
    String username,
    String password,
    String kimVersion,
    Boolean noVzdMailEntry) {

  static AccountRequest parse(String body) {
    JsonObject json;
    try {
      json =
          body == null || body.isBlank()
              ? JsonValue.EMPTY_JSON_OBJECT
              : Jsonp.createReader(new StringReader(body)).readObject();
    } catch (JsonException | ClassCastException e) {
      throw invalid("The body is not a JSON object (gematik Account)");
    }
    try {
      return new AccountRequest(
          json.getString("referenceID", null),
          json.getString("username", null),
          json.containsKey("password") ? base64(json.getString("password"), "password") : null,
          json.getString("kimVersion", null),
          json.containsKey("noVzdMailEntry") ? json.getBoolean("noVzdMailEntry") : null);
    } catch (ClassCastException e) {
      throw invalid("A field of the Account has the wrong type");
    }
  }

  /** A password from a header or field: base64 of its UTF-8 bytes. */
  static String base64(String value, String name) {
    if (value == null) {
      return null;
    }
    if (value.length() > 256) {
      throw invalid(name + " is longer than 256 characters");
    }
    try {
      return new String(Base64.getDecoder().decode(value.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid(name + " must be base64 encoded");
    }
  }

  static KimAddress address(String text) {
    try {
      return KimAddress.parse(text);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw invalid("username is not a valid KIM address");
    }
  }

  /** The JWT of "Authorization: Bearer <JWT>", or null. */
  static String bearer(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).trim();
  }

  private static KimAccountException invalid(String message) {
    return new KimAccountException(Reason.INVALID_INPUT, message);
  }
}
