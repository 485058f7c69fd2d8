package de.timkim.messenger.json;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Encodes JSON the way the Matrix spec requires for hashing and signing: object keys sorted by code
 * point, no insignificant whitespace, UTF-8, only the mandatory escapes, integers only in
 * [-(2^53)+1, 2^53-1].
 */
public final class CanonicalJson {

  static final long MAX_SAFE_INTEGER = 9007199254740991L;

  private CanonicalJson() {}

  public static byte[] encode(JsonValue value) {
    return toString(value).getBytes(StandardCharsets.UTF_8);
  }

  public static String toString(JsonValue value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(JsonValue value, StringBuilder out) {
    switch (value.getValueType()) {
      case OBJECT -> writeObject(value.asJsonObject(), out);
      case ARRAY -> writeArray(value.asJsonArray(), out);
      case STRING -> writeString(((JsonString) value).getString(), out);
      case NUMBER -> writeNumber((JsonNumber) value, out);
      case TRUE -> out.append("true");
      case FALSE -> out.append("false");
      case NULL -> out.append("null");
    }
  }

  private static void writeObject(JsonObject object, StringBuilder out) {
    List<Map.Entry<String, JsonValue>> entries = new ArrayList<>(object.entrySet());
    entries.sort((a, b) -> compareCodePoints(a.getKey(), b.getKey()));
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, JsonValue> entry : entries) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(entry.getKey(), out);
      out.append(':');
      write(entry.getValue(), out);
    }
    out.append('}');
  }

  private static void writeArray(JsonArray array, StringBuilder out) {
    out.append('[');
    for (int i = 0; i < array.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      write(array.get(i), out);
    }
    out.append(']');
  }

  private static void writeNumber(JsonNumber number, StringBuilder out) {
    if (!number.isIntegral()) {
      throw new CanonicalJsonException("Canonical JSON allows integers only, got " + number);
    }
    long value;
    try {
      value = number.longValueExact();
    } catch (ArithmeticException e) {
      throw new CanonicalJsonException("Integer out of range: " + number);
    }
    if (value > MAX_SAFE_INTEGER || value < -MAX_SAFE_INTEGER) {
      throw new CanonicalJsonException("Integer out of range: " + number);
    }
    out.append(value);
  }

  /**
   * Sorting by UTF-16 units would misorder characters outside the BMP; the spec says code points.
   */
  static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static void writeString(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
