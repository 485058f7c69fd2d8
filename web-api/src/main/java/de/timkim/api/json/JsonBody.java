package de.timkim.api.json;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import de.timkim.platform.json.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A request's JSON object with typed accessors. Not JSON at all is M_NOT_JSON; JSON of the wrong
 * shape (a field of the wrong type, a missing required field) is M_BAD_JSON naming the field.
 */
public final class JsonBody {

  private final JsonObject object;

  private JsonBody(JsonObject object) {
    this.object = object;
  }

  /**
   * How deep a request body may nest objects and arrays. The parser stops at 1000 levels with a
   * bare RuntimeException, and what a client sends is stored inside wrappers (an event's {@code
   * content}, a key backup's {@code session_data}): content accepted at 999 levels was stored and
   * then failed every later read of the room (/messages, /sync) with a 500. No Matrix request needs
   * more than a handful of levels; 100 leaves room for any client and far below the parser's limit
   * for everything stored.
   */
  static final int MAX_DEPTH = 100;

  /** An empty body counts as {} (several endpoints allow a bodyless POST). */
  public static JsonBody parse(String body) {
    if (body == null || body.isBlank()) {
      return new JsonBody(JsonValue.EMPTY_JSON_OBJECT);
    }
    if (nestingDepth(body) > MAX_DEPTH) {
      throw new MatrixException(
          ErrorCode.M_BAD_JSON, "Content nests deeper than " + MAX_DEPTH + " levels");
    }
    try (JsonReader reader = Jsonp.createReader(new StringReader(body))) {
      JsonValue value = reader.readValue();
      if (value.getValueType() != JsonValue.ValueType.OBJECT) {
        throw new MatrixException(ErrorCode.M_NOT_JSON, "Content must be a JSON object");
      }
      return new JsonBody(value.asJsonObject());
    } catch (jakarta.json.JsonException e) {
      throw new MatrixException(ErrorCode.M_NOT_JSON, "Content not JSON.");
    }
  }

  /**
   * The deepest nesting of objects and arrays in {@code text}, brackets inside strings not counted;
   * one pass over the characters, before anything is parsed (a body nested 100,000 deep must not
   * reach the parser's recursion).
   */
  static int nestingDepth(String text) {
    int depth = 0;
    int deepest = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        deepest = Math.max(deepest, ++depth);
      } else if (c == '}' || c == ']') {
        depth--;
      }
    }
    return deepest;
  }

  public JsonObject object() {
    return object;
  }

  public boolean has(String key) {
    return object.containsKey(key) && object.get(key).getValueType() != JsonValue.ValueType.NULL;
  }

  public String string(String key) {
    String value = optionalString(key);
    if (value == null) {
      throw new MatrixException(ErrorCode.M_MISSING_PARAM, "Missing '" + key + "'");
    }
    return value;
  }

  public String optionalString(String key) {
    if (!has(key)) {
      return null;
    }
    JsonValue value = object.get(key);
    if (value.getValueType() != JsonValue.ValueType.STRING) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must be a string");
    }
    return object.getString(key);
  }

  public boolean bool(String key, boolean defaultValue) {
    if (!has(key)) {
      return defaultValue;
    }
    JsonValue value = object.get(key);
    if (value == JsonValue.TRUE) {
      return true;
    }
    if (value == JsonValue.FALSE) {
      return false;
    }
    throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must be a boolean");
  }

  public Long optionalLong(String key) {
    if (!has(key)) {
      return null;
    }
    JsonValue value = object.get(key);
    if (value.getValueType() != JsonValue.ValueType.NUMBER
        || !object.getJsonNumber(key).isIntegral()) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must be an integer");
    }
    return object.getJsonNumber(key).longValue();
  }

  public JsonObject optionalObject(String key) {
    if (!has(key)) {
      return null;
    }
    JsonValue value = object.get(key);
    if (value.getValueType() != JsonValue.ValueType.OBJECT) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must be an object");
    }
    return value.asJsonObject();
  }

  public List<String> stringList(String key) {
    if (!has(key)) {
      return List.of();
    }
    JsonValue value = object.get(key);
    if (value.getValueType() != JsonValue.ValueType.ARRAY) {
      throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must be an array");
    }
    List<String> out = new ArrayList<>();
    for (JsonValue item : (JsonArray) value) {
      if (item.getValueType() != JsonValue.ValueType.STRING) {
        throw new MatrixException(ErrorCode.M_BAD_JSON, "'" + key + "' must hold strings");
      }
      out.add(((jakarta.json.JsonString) item).getString());
    }
    return out;
  }
}
