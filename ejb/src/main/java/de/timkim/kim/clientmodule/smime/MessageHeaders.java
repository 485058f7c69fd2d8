package de.timkim.kim.clientmodule.smime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The header section of an RFC 5322 message as raw, unfolded-on-demand fields, so the outer KIM
 * message can carry copies of the routing headers byte for byte.
 */
final class MessageHeaders {

  /** One header field as it appeared, continuation lines included, without the final CRLF. */
  record Field(String name, String raw) {
    String value() {
      return raw.substring(raw.indexOf(':') + 1).replaceAll("\r\n[ \t]", " ").trim();
    }
  }

  private final List<Field> fields;
  private final int bodyOffset;

  private MessageHeaders(List<Field> fields, int bodyOffset) {
    this.fields = fields;
    this.bodyOffset = bodyOffset;
  }

  /** Parses the header section; a message without an empty line is all header. */
  static MessageHeaders parse(byte[] message) {
    List<Field> fields = new ArrayList<>();
    int position = 0;
    StringBuilder current = null;
    while (position < message.length) {
      int end = indexOfLineEnd(message, position);
      int next = end < 0 ? message.length : end + (message[end] == '\r' ? 2 : 1);
      String line =
          new String(
              message,
              position,
              (end < 0 ? message.length : end) - position,
              StandardCharsets.ISO_8859_1);
      position = next;
      if (line.isEmpty()) {
        break;
      }
      if ((line.startsWith(" ") || line.startsWith("\t")) && current != null) {
        current.append("\r\n").append(line);
        continue;
      }
      if (current != null) {
        fields.add(field(current.toString()));
      }
      current = new StringBuilder(line);
    }
    if (current != null) {
      fields.add(field(current.toString()));
    }
    return new MessageHeaders(fields, Math.min(position, message.length));
  }

  private static Field field(String raw) {
    int colon = raw.indexOf(':');
    return new Field(colon < 0 ? "" : raw.substring(0, colon).trim(), raw);
  }

  private static int indexOfLineEnd(byte[] data, int from) {
    for (int i = from; i < data.length; i++) {
      if (data[i] == '\n') {
        return i > from && data[i - 1] == '\r' ? i - 1 : i;
      }
    }
    return -1;
  }

  /**
   * The message without the header fields the client module writes for the practice software
   * (X-KIM-DecryptionResult, X-KIM-IntegrityCheckResult, X-KIM-Fehlermeldung and any other
   * X-KIM-...Result), folded lines included; the body and all other fields unchanged.
   */
  static byte[] withoutResultHeaders(byte[] message) {
    // header lines to drop as [start, end) pairs; a 25 MiB message is copied only if there are any
    List<int[]> dropped = new ArrayList<>();
    int position = 0;
    boolean dropping = false;
    while (position < message.length) {
      int end = indexOfLineEnd(message, position);
      int next = end < 0 ? message.length : end + (message[end] == '\r' ? 2 : 1);
      if (end == position) {
        break; // the empty line: the body follows unchanged
      }
      boolean continuation = message[position] == ' ' || message[position] == '\t';
      if (!continuation) {
        int lineEnd = end < 0 ? message.length : end;
        int colon = position;
        while (colon < lineEnd && message[colon] != ':') {
          colon++;
        }
        String name =
            new String(message, position, colon - position, StandardCharsets.ISO_8859_1)
                .trim()
                .toLowerCase(Locale.ROOT);
        dropping = colon < lineEnd && isResultHeader(name);
      }
      if (dropping) {
        dropped.add(new int[] {position, next});
      }
      position = next;
    }
    if (dropped.isEmpty()) {
      return message;
    }
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(message.length);
    int from = 0;
    for (int[] range : dropped) {
      out.write(message, from, range[0] - from);
      from = range[1];
    }
    out.write(message, from, message.length - from);
    return out.toByteArray();
  }

  private static boolean isResultHeader(String lowerCaseName) {
    return lowerCaseName.equals("x-kim-fehlermeldung")
        || (lowerCaseName.startsWith("x-kim-") && lowerCaseName.endsWith("result"));
  }

  List<Field> all(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return fields.stream().filter(f -> f.name().toLowerCase(Locale.ROOT).equals(lower)).toList();
  }

  String first(String name) {
    List<Field> found = all(name);
    return found.isEmpty() ? null : found.get(0).value();
  }

  int bodyOffset() {
    return bodyOffset;
  }
}
