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
 * with both factors; the second-factor page needs a checked password.
 */
@WebFilter("/*")
public class SignInRequiredFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject AdminSession session;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
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
}
