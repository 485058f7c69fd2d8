package de.timkim.kim.smtp;

import de.timkim.kim.mail.DsnEnvelope;
import de.timkim.kim.mail.Notify;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Splits MAIL FROM and RCPT TO into the path and its ESMTP parameters (RFC 5321 §4.1.2) and reads
 * the DSN ones (RFC 3461 §4). Parameters the listeners know nothing of are refused with 555 (RFC
 * 5321 §4.1.1.11); malformed DSN values with 501.
 */
final class DsnParameters {

  /** MAIL parameters other than the DSN ones that SubEthaSMTP understands or that are harmless. */
  private static final Set<String> OTHER_MAIL_PARAMETERS =
      Set.of("SIZE", "BODY", "SMTPUTF8", "AUTH");

  private static final int MAX_ENVID = 100;

  private DsnParameters() {}

  /** A command line split into the part SubEthaSMTP parses and the DSN parameters found. */
  record Split(String passOn, Map<String, String> dsn) {}

  /**
   * Splits {@code MAIL FROM:<path> params} or {@code RCPT TO:<path> params}; the line to pass on
   * keeps the path and the parameters SubEthaSMTP handles itself (SIZE).
   *
   * @return null if the line is not of the form (SubEthaSMTP then answers the syntax error)
   */
  static Split split(String line, String verbAndKeyword, Set<String> dsnNames, Set<String> others)
      throws SmtpReply {
    String upper = line.toUpperCase(Locale.ROOT);
    int keyword = upper.indexOf(verbAndKeyword.substring(5));
    if (!upper.startsWith(verbAndKeyword.substring(0, 4))
        || keyword < 4
        || !upper.substring(4, keyword).isBlank()) {
      return null;
    }
    int pathStart = keyword + verbAndKeyword.length() - 5;
    String rest = line.substring(pathStart).stripLeading();
    int pathEnd;
    if (rest.startsWith("<")) {
      pathEnd = rest.indexOf('>');
      if (pathEnd < 0) {
        return null;
      }
      pathEnd++;
    } else {
      pathEnd = rest.indexOf(' ');
      if (pathEnd < 0) {
        pathEnd = rest.length();
      }
    }
    String path = rest.substring(0, pathEnd);
    StringBuilder passOn = new StringBuilder(line.substring(0, pathStart)).append(path);
    Map<String, String> dsn = new LinkedHashMap<>();
    Set<String> seen = new java.util.HashSet<>();
    for (String parameter : rest.substring(pathEnd).trim().split("\\s+")) {
      if (parameter.isEmpty()) {
        continue;
      }
      int equals = parameter.indexOf('=');
      String name =
          (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
      String value = equals < 0 ? null : parameter.substring(equals + 1);
      if (!seen.add(name)) {
        throw SmtpReply.reject(501, "5.5.4", "Parameter " + name + " given twice");
      }
      if (dsnNames.contains(name)) {
        if (value == null || value.isEmpty()) {
          throw SmtpReply.reject(501, "5.5.4", name + " needs a value");
        }
        dsn.put(name, value);
      } else if (others.contains(name)) {
        passOn.append(' ').append(parameter);
      } else {
        throw SmtpReply.reject(555, "5.5.4", "Unsupported parameter " + name);
      }
    }
    return new Split(passOn.toString(), dsn);
  }

  static Split splitMail(String line) throws SmtpReply {
    return split(line, "MAIL FROM:", Set.of("RET", "ENVID"), OTHER_MAIL_PARAMETERS);
  }

  static Split splitRcpt(String line) throws SmtpReply {
    return split(line, "RCPT TO:", Set.of("NOTIFY", "ORCPT"), Set.of());
  }

  /** RET and ENVID of RFC 3461 §4.3 and §4.4. */
  static DsnEnvelope envelope(Map<String, String> parameters) throws SmtpReply {
    boolean full = false;
    String ret = parameters.get("RET");
    if (ret != null) {
      switch (ret.toUpperCase(Locale.ROOT)) {
        case "FULL" -> full = true;
        case "HDRS" -> full = false;
        default -> throw SmtpReply.reject(501, "5.5.4", "RET must be FULL or HDRS");
      }
    }
    String envelopeId = parameters.get("ENVID");
    if (envelopeId != null) {
      if (envelopeId.length() > MAX_ENVID || !isXtext(envelopeId)) {
        throw SmtpReply.reject(501, "5.5.4", "ENVID must be xtext of at most 100 characters");
      }
    }
    return new DsnEnvelope(full, envelopeId);
  }

  /** NOTIFY of RFC 3461 §4.1: null without the parameter, empty for NEVER. */
  static Set<Notify> notify(Map<String, String> parameters) throws SmtpReply {
    String value = parameters.get("NOTIFY");
    if (value == null) {
      return null;
    }
    if (value.equalsIgnoreCase("NEVER")) {
      return EnumSet.noneOf(Notify.class);
    }
    EnumSet<Notify> conditions = EnumSet.noneOf(Notify.class);
    for (String condition : value.split(",", -1)) {
      try {
        if (!conditions.add(Notify.valueOf(condition.toUpperCase(Locale.ROOT)))) {
          throw new IllegalArgumentException();
        }
      } catch (IllegalArgumentException e) {
        throw SmtpReply.reject(
            501, "5.5.4", "NOTIFY must be NEVER or a list of SUCCESS, FAILURE and DELAY");
      }
    }
    return conditions;
  }

  /** ORCPT of RFC 3461 §4.2 ({@code addr-type;xtext}), decoded, or null. */
  static String originalRecipient(Map<String, String> parameters) throws SmtpReply {
    String value = parameters.get("ORCPT");
    if (value == null) {
      return null;
    }
    int semicolon = value.indexOf(';');
    if (semicolon <= 0
        || !value.substring(0, semicolon).matches("[A-Za-z0-9-]+")
        || value.length() > 500
        || !isXtext(value.substring(semicolon + 1))) {
      throw SmtpReply.reject(501, "5.5.4", "ORCPT must be addr-type;xtext");
    }
    String address = decodeXtext(value.substring(semicolon + 1));
    if (address.chars().anyMatch(c -> c < 32 || c > 126)) {
      // it is copied into the report's header: no line breaks smuggled in
      throw SmtpReply.reject(501, "5.5.4", "ORCPT must be printable ASCII");
    }
    return value.substring(0, semicolon) + ";" + address;
  }

  /** RFC 3461 §4: printable ASCII except '+' and '=', which '+XX' hex escapes stand for. */
  static boolean isXtext(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        if (i + 2 >= text.length()
            || !isUpperHex(text.charAt(i + 1))
            || !isUpperHex(text.charAt(i + 2))) {
          return false;
        }
        i += 2;
      } else if (c < 33 || c > 126 || c == '=') {
        return false;
      }
    }
    return !text.isEmpty();
  }

  static String decodeXtext(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '+') {
        out.append((char) Integer.parseInt(text.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private static boolean isUpperHex(char c) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
  }
}
