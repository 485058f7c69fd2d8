package de.timkim.admin.accounts;

import java.io.Serializable;

/**
 * What the portal keeps in the (replicated) HTTP session about who is signed in, after both
 * factors. Services take it to decide what the admin may see: only {@code organisationId}'s.
 */
public record SignedInAdmin(
    long accountId, String username, String organisationId, boolean operator)
    implements Serializable {

  /**
   * The organisation of the installation's operator. Defined here, below the organisations, so that
   * signing in does not need the organisations' entities (which build on the admin accounts).
   */
  public static final String OPERATOR_ORGANISATION_ID = "operator";
}
