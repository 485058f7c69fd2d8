package de.timkim.api.ops.admin;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.admin.accounts.SignedInAdmin;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/** Lets {@link OperatorOnly} resources serve only the operator's portal accounts. */
@Provider
@OperatorOnly
@Priority(Priorities.AUTHENTICATION)
public class OperatorOnlyFilter implements ContainerRequestFilter {

  @Inject AdminCredentials credentials;

  @Inject CurrentAdmin currentAdmin;

  @Override
  public void filter(ContainerRequestContext request) {
    SignedInAdmin admin = credentials.require(request);
    if (!admin.operator()) {
      throw new AdminException(AdminError.OPERATOR_ONLY);
    }
    currentAdmin.set(admin, request.getHeaderString("Host"));
  }
}
