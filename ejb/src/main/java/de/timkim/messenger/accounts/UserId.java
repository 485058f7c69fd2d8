package de.timkim.messenger.accounts;

import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Matrix user ID {@code @localpart:server_name}
 * (https://spec.matrix.org/v1.11/appendices/#user-identifiers). Localparts of new users are
 * restricted to the spec's recommended character set.
 */
public record UserId(String localpart, String serverName) implements Serializable {

  private static final Pattern LOCALPART = Pattern.compile("[a-z0-9._=\\-/+]+");

  public UserId {
    if (localpart == null || !LOCALPART.matcher(localpart).matches()) {
      throw new MatrixException(
          ErrorCode.M_INVALID_USERNAME,
          "User ID localparts may only contain a-z, 0-9, '.', '_', '=', '-', '/' and '+'");
    }
    if (serverName == null || serverName.isBlank()) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "A user ID needs a server name");
    }
    if (1 + localpart.length() + 1 + serverName.length() > 255) {
      throw new MatrixException(
          ErrorCode.M_INVALID_USERNAME, "User IDs are at most 255 characters");
    }
  }

  /** Parses {@code @local:server}; M_INVALID_PARAM when it is not one. */
  public static UserId parse(String value) {
    if (value == null || !value.startsWith("@") || value.indexOf(':') < 2) {
      throw new MatrixException(ErrorCode.M_INVALID_PARAM, "Not a user ID: " + value);
    }
    int colon = value.indexOf(':');
    return new UserId(value.substring(1, colon), value.substring(colon + 1));
  }

  /** A user name as typed at login: a localpart or a full user ID, lower-cased. */
  public static UserId fromLogin(String identifier, String defaultServer) {
    String value = identifier.trim();
    if (value.startsWith("@")) {
      return parse(value.toLowerCase(Locale.ROOT));
    }
    return new UserId(value.toLowerCase(Locale.ROOT), defaultServer);
  }

  @Override
  public String toString() {
    return "@" + localpart + ":" + serverName;
  }
}
