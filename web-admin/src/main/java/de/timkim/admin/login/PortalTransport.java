package de.timkim.admin.login;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * How the portal is reached (security review, finding 23): over HTTPS only unless {@code
 * tim.admin.require-https} is false (a test installation on plain HTTP). {@link
 * SignInRequiredFilter} redirects plain-HTTP requests to the HTTPS port and adds HSTS to answers
 * over HTTPS; WEB-INF/undertow-handlers.conf marks every cookie sent over HTTPS {@code Secure}
 * (HttpOnly and SameSite=Strict come from web.xml).
 */
final class PortalTransport {

  /** A year: the portal has nothing to offer over plain HTTP. */
  static final String HSTS = "max-age=31536000";

  private PortalTransport() {}

  static boolean requireHttps() {
    return ConfigProvider.getConfig()
        .getOptionalValue("tim.admin.require-https", Boolean.class)
        .orElse(true);
  }

  /**
   * The HTTPS port to redirect to: {@code tim.admin.https-port}, else 8443 plus the port offset.
   */
  static int httpsPort() {
    return ConfigProvider.getConfig()
        .getOptionalValue("tim.admin.https-port", Integer.class)
        .orElse(8443 + Integer.getInteger("jboss.socket.binding.port-offset", 0));
  }
}
