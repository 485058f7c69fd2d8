package de.timkim.organisations;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The label an organisation chooses for its messenger service; the server name is {@code
 * <label>.<base domain>}. One DNS label (RFC 1123), lower case; a few names stay with the operator.
 */
public record SubDomain(String label) {

  private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
  private static final Set<String> RESERVED =
      Set.of("www", "admin", "api", "matrix", "mail", "kim", "operator", "localhost");

  public SubDomain {
    if (label == null || !LABEL.matcher(label).matches() || RESERVED.contains(label)) {
      throw new AdminException(AdminError.INVALID_SUBDOMAIN);
    }
  }

  /** Trims and lower-cases what was typed; refuses anything that is not a valid label. */
  public static SubDomain typed(String input) {
    return new SubDomain(input == null ? null : input.trim().toLowerCase(Locale.ROOT));
  }

  public String serverName(String baseDomain) {
    return label + "." + baseDomain;
  }
}
