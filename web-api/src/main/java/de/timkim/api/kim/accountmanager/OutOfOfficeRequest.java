package de.timkim.api.kim.accountmanager;

import de.timkim.kim.accounts.KimAccountException;
import de.timkim.kim.accounts.KimAccountException.Reason;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The body of updateOutOfOffice: gematik's OutOfOfficeNotification (date-times per RFC 3339). */
record OutOfOfficeRequest(boolean active, String message, Instant start, Instant end) {

  static OutOfOfficeRequest parse(String body) {
    JsonObject json;
    try {
      json = Jsonp.createReader(new StringReader(body == null ? "" : body)).readObject();
    } catch (JsonException | ClassCastException e) {
      throw invalid("The body is not a JSON object (gematik OutOfOfficeNotification)");
    }
    JsonValue active = json.get("active");
    if (active != JsonValue.TRUE && active != JsonValue.FALSE) {
      throw invalid("active must be true or false");
    }
    return new OutOfOfficeRequest(
        active == JsonValue.TRUE,
        text(json, "message"),
        dateTime(json, "startDate"),
        dateTime(json, "endDate"));
  }

  private static String text(JsonObject json, String name) {
    if (!json.containsKey(name) || json.isNull(name)) {
      return null;
    }
    if (!(json.get(name) instanceof JsonString string)) {
      throw invalid(name + " must be a string");
    }
    return string.getString();
  }

  private static Instant dateTime(JsonObject json, String name) {
    String text = text(json, name);
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw invalid(name + " must be an RFC 3339 date-time such as 2026-12-20T08:00:00Z");
    }
  }

  private static KimAccountException invalid(String message) {
    return new KimAccountException(Reason.INVALID_INPUT, message);
  }
}
