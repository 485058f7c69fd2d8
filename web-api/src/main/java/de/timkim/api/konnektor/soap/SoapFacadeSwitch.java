package de.timkim.api.konnektor.soap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * While the facade is off ({@code tim.konnektor.test-tools.enabled} false, the production default)
 * its URLs do not exist: 404 for every request, the {@code ?wsdl} documents included, so a
 * production node does not advertise a Konnektor interface it does not serve (security review,
 * finding 22).
 */
@WebFilter("/ti-konnektor/*")
public class SoapFacadeSwitch extends HttpFilter {

  private static final long serialVersionUID = 1L;

  @Override
  protected void doFilter(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    boolean enabled =
        ConfigProvider.getConfig()
            .getOptionalValue("tim.konnektor.test-tools.enabled", Boolean.class)
            .orElse(false);
    if (!enabled) {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
      return;
    }
    chain.doFilter(request, response);
  }
}
