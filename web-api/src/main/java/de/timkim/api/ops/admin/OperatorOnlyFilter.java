package de.timkim.api.ops.admin;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
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

  @Override
  public void filter(ContainerRequestContext request) {
    var admin =
        credentials.require(
            request.getHeaderString("Authorization"), request.getHeaderString("X-TIM-OTP"));
    if (!admin.operator()) {
      throw new AdminException(AdminError.OPERATOR_ONLY);
    }
  }
}
