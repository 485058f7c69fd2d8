package de.timkim.kim.registration;

import de.timkim.kim.accounts.KimAccountException;
import de.timkim.kim.accounts.KimAccountService;
import de.timkim.kim.mail.SizeLimits;
import de.timkim.kim.sockets.SocketBindings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the Fachdienst tells KIM clients about itself (gematik I_ServiceInformation) and about the
 * limits of an account (I_AccountLimit_Service): values from configuration and the real limits the
 * SMTP listener enforces.
 */
@ApplicationScoped
public class KimServiceInformation {

  /** The mail servers' public name and ports as clients reach them. */
  public record MailEndpoints(String smtpHost, int smtpPort, String pop3Host, int pop3Port) {}

  /** gematik ServiceInformation, plus where to send and fetch mail. */
  public record Info(
      String kimServiceVersion,
      String passwordPolicyRegEx,
      String passwordPolicyDisplay,
      long jwtExpirationSeconds,
      boolean referenceIdRequired,
      boolean initialPasswordRequired,
      MailEndpoints mail) {}

  /**
   * gematik AccountLimit: the net message size KIM carries and the wire size the Fachdienst accepts
   * for it (no KAS, no quota).
   */
  public record Limits(long maxMailSize, long maxWireMailSize) {}

  @Inject
  @ConfigProperty(name = "kim.service-version", defaultValue = "1.5.3")
  String serviceVersion;

  @Inject
  @ConfigProperty(name = "kim.host-name", defaultValue = "localhost")
  String hostName;

  @Inject SmcbAuthentication authentication;

  @Inject KimAccountService accounts;

  public Info info() {
    int smtp = SocketBindings.resolve("kim-smtps", hostName, 465).getPort();
    int pop3 = SocketBindings.resolve("kim-pop3s", hostName, 995).getPort();
    return new Info(
        serviceVersion,
        KimAccountService.PASSWORD_POLICY_REGEX,
        KimAccountService.PASSWORD_POLICY_DISPLAY,
        authentication.jwtExpirationSeconds(),
        true,
        true,
        new MailEndpoints(hostName, smtp, hostName, pop3));
  }

  /**
   * The limits of the account with these credentials.
   *
   * @throws KimAccountException AUTHENTICATION_FAILED (also for an unknown address, so nobody
   *     learns which addresses exist)
   */
  public Limits limitsFor(String address, String password) {
    if (address == null || accounts.authenticate(address, password).isEmpty()) {
      throw new KimAccountException(
          KimAccountException.Reason.AUTHENTICATION_FAILED, "KIM address or password wrong");
    }
    return limits();
  }

  public Limits limits() {
    return new Limits(SizeLimits.NET_LIMIT_BYTES, SizeLimits.wireLimit(SizeLimits.NET_LIMIT_BYTES));
  }
}
