package de.timkim.api.ops.admin;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Signs the admin of an {@link AdminAuthenticated} request in, once per request, with the same rate
 * limits on wrong passwords and one-time codes as the portal (AdminAccountService).
 */
@Provider
@AdminAuthenticated
@Priority(Priorities.AUTHENTICATION)
public class AdminCredentialsFilter implements ContainerRequestFilter {

  @Inject AdminCredentials credentials;

  @Inject CurrentAdmin currentAdmin;

  @Override
  public void filter(ContainerRequestContext request) {
    currentAdmin.set(credentials.require(request), request.getHeaderString("Host"));
  }
}
