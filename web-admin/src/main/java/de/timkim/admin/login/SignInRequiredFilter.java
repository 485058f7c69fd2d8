package de.timkim.admin.login;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Every page but the login and registration pages and static resources needs an admin signed in
 * with both factors; the second-factor page needs a checked password. Every page is served over
 * HTTPS unless {@link PortalTransport} says otherwise.
 */
@WebFilter("/*")
public class SignInRequiredFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject AdminSession session;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!request.isSecure() && PortalTransport.requireHttps()) {
      // the portal's session and credentials never travel in clear text (finding 23)
      String query = request.getQueryString();
      response.sendRedirect(
          "https://"
              + request.getServerName()
              + ":"
              + PortalTransport.httpsPort()
              + request.getRequestURI()
              + (query == null ? "" : "?" + query));
      return;
    }
    if (request.isSecure()) {
      response.setHeader("Strict-Transport-Security", PortalTransport.HSTS);
    }
    String path = servedPath(request);
    boolean open =
        path.equals("/login.xhtml")
            || path.equals("/register.xhtml")
            || path.startsWith("/jakarta.faces.resource/")
            || path.equals("/error.html")
            || path.startsWith("/resources/");
    boolean secondFactor = path.equals("/second-factor.xhtml") && session.isSecondFactorPending();
    if (open || secondFactor || session.isSignedIn()) {
      response.setHeader("X-Frame-Options", "DENY");
      response.setHeader("X-Content-Type-Options", "nosniff");
      chain.doFilter(request, response);
    } else {
      response.sendRedirect(request.getContextPath() + "/login.xhtml");
    }
  }

  /**
   * The path the container resolved and will serve (dot segments and path parameters removed), not
   * the raw request URI: {@code /resources/../sessions.xhtml} is the sessions page, and deciding on
   * the raw text let it through as a static resource (security review, finding 11).
   */
  static String servedPath(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    // defence in depth: whatever the container left unresolved counts as a protected page
    if (path.contains("/..") || path.contains("/./") || path.contains(";") || path.contains("\\")) {
      return "/";
    }
    return path;
  }
}
