package de.timkim.api.auth;

import de.timkim.messenger.accounts.AccountService;
import de.timkim.platform.errors.ErrorCode;
import de.timkim.platform.errors.MatrixException;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.Provider;

/**
 * Reads the access token from {@code Authorization: Bearer} (or the deprecated {@code access_token}
 * query parameter, https://spec.matrix.org/v1.11/client-server-api/#using-access-tokens).
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class AccessTokenFilter implements ContainerRequestFilter {

  @Inject AccountService accounts;

  @Inject CurrentUser currentUser;

  @Inject ClientAddresses clientAddresses;

  @Context HttpServletRequest servletRequest;

  @Override
  public void filter(ContainerRequestContext request) {
    String token = null;
    String header = request.getHeaderString("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    } else if (header == null) {
      token = request.getUriInfo().getQueryParameters().getFirst("access_token");
    }
    if (token == null || token.isEmpty()) {
      throw new MatrixException(ErrorCode.M_MISSING_TOKEN, "Missing access token");
    }
    currentUser.set(accounts.authenticate(token, clientAddresses.of(servletRequest)));
  }
}
