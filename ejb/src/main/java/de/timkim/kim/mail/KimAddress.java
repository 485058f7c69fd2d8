package de.timkim.kim.mail;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A KIM mail address ({@code local@domain}), validated on construction. The domain is kept in lower
 * case (domains are case-insensitive); the local part as given, as RFC 5321 asks, but compared in
 * lower case because KIM addresses are issued in lower case and clients vary.
 */
public record KimAddress(String localPart, String domain) {

  private static final Pattern LOCAL = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]{1,64}");
  private static final Pattern DOMAIN =
      Pattern.compile(
          "(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");

  public KimAddress {
    if (localPart == null
        || !LOCAL.matcher(localPart).matches()
        || localPart.startsWith(".")
        || localPart.endsWith(".")
        || localPart.contains("..")) {
      throw new IllegalArgumentException("Invalid local part of a KIM address");
    }
    if (domain == null || !DOMAIN.matcher(domain).matches()) {
      throw new IllegalArgumentException("Invalid domain of a KIM address");
    }
    localPart = localPart.toLowerCase(Locale.ROOT);
  }

  /** Parses {@code local@domain}, also in angle brackets as SMTP paths carry it. */
  public static KimAddress parse(String text) {
    if (text == null) {
      throw new IllegalArgumentException("No address");
    }
    String address = text.trim();
    if (address.startsWith("<") && address.endsWith(">")) {
      address = address.substring(1, address.length() - 1);
    }
    int at = address.lastIndexOf('@');
    if (at <= 0 || at == address.length() - 1 || address.length() > 254) {
      throw new IllegalArgumentException("Not a mail address");
    }
    return new KimAddress(
        address.substring(0, at), address.substring(at + 1).toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return localPart + "@" + domain;
  }
}
