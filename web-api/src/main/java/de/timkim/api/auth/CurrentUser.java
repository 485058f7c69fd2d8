package de.timkim.api.auth;

import de.timkim.messenger.accounts.Requester;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.enterprise.context.RequestScoped;

/** The requester of the current HTTP request, set by {@link AccessTokenFilter}. */
@RequestScoped
public class CurrentUser {

  private Requester requester;

  void set(Requester requester) {
    this.requester = requester;
  }

  public Requester get() {
    if (requester == null) {
      throw new MatrixException(ErrorCode.M_MISSING_TOKEN, "Missing access token");
    }
    return requester;
  }
}
