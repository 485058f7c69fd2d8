package de.timkim.admin.web;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The portal's forms are small: a body above {@code tim.http.max-json-bytes} (1 MiB) is refused
 * with 413 before the form parser reads it, so the unauthenticated login page cannot be made to
 * buffer the listener's 160 MiB. The servlet container parses forms from the connection itself,
 * bypassing any wrapped input stream, so a body without a declared length (chunked; browsers always
 * declare it for forms) is refused as well.
 */
@WebFilter("/*")
public class RequestBodyLimitFilter extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Inject
  @ConfigProperty(name = "tim.http.max-json-bytes", defaultValue = "1048576")
  long maxBodyBytes;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    long length = request.getContentLengthLong();
    boolean chunked = length < 0 && request.getHeader("Transfer-Encoding") != null;
    if (length > maxBodyBytes || chunked) {
      response.setHeader("Connection", "close");
      response.sendError(
          HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE,
          "Request bodies are limited to " + maxBodyBytes + " bytes");
      return;
    }
    chain.doFilter(request, response);
  }
}
