package de.timkim.admin;

import jakarta.ejb.ApplicationException;

/**
 * An administrative request refused for a reason the admin can act on. Rolls back, so a refused
 * request changes nothing.
 */
@ApplicationException(rollback = true)
public class AdminException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final AdminError error;

  public AdminException(AdminError error) {
    super(error.english());
    this.error = error;
  }

  public AdminError error() {
    return error;
  }
}
