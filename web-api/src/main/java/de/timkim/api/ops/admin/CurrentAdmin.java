package de.timkim.api.ops.admin;

import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.messenger.ServerNames;
import de.timkim.organisations.Organisations;
import de.timkim.organisations.ServiceScope;
import de.timkim.organisations.TenantScope;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * The admin of the current request, set by {@link AdminCredentialsFilter} or {@link
 * OperatorOnlyFilter}, and the tenant scope the organisations facade grants them: resources never
 * decide ownership themselves.
 */
@RequestScoped
public class CurrentAdmin {

  @Inject Organisations organisations;

  @Inject ServerNames serverNames;

  private SignedInAdmin admin;
  private String host;

  void set(SignedInAdmin admin, String host) {
    this.admin = admin;
    this.host = host;
  }

  public SignedInAdmin get() {
    if (admin == null) {
      throw new MatrixException(
          ErrorCode.M_UNAUTHORIZED, 401, "Admin credentials (HTTP Basic) required", Map.of());
    }
    return admin;
  }

  /** The admin's whole organisation. */
  public TenantScope scope() {
    return organisations.scopeOf(get());
  }

  /**
   * The messenger service the Host header addresses, which must be one of the admin's organisation
   * (403 {@code M_FORBIDDEN} otherwise): the REST API works on one server name per request.
   */
  public ServiceScope hostScope() {
    return organisations.scopeFor(get(), serverNames.forHost(host));
  }
}
