package de.timkim.api.kim.accountmanager;

import de.timkim.kim.registration.KimServiceInformation;
import de.timkim.platform.json.Jsonp;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * gematik I_ServiceInformation 1.0.2
 * (https://github.com/gematik/api-kim/blob/master/src/openapi/ServiceInformation.yaml).
 */
@Path("ServiceInformation/v1.0")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceInformationResource {

  @Inject KimServiceInformation serviceInformation;

  /**
   * GET /ServiceInformation/v1.0/ — getServiceInformation: version, password policy, JWT lifetime,
   * what registration needs; beyond the schema, the mail servers' host and ports (smtpHost, ...).
   */
  @GET
  public String serviceInformation() {
    KimServiceInformation.Info info = serviceInformation.info();
    return Jsonp.createObjectBuilder()
        .add("kimServiceVersion", info.kimServiceVersion())
        .add("passwordPolicyRegEx", info.passwordPolicyRegEx())
        .add("passwordPolicyDisplay", info.passwordPolicyDisplay())
        .add("jwtExpiration", info.jwtExpirationSeconds())
        .add("referenceIdRequired", info.referenceIdRequired())
        .add("initialPasswordRequired", info.initialPasswordRequired())
        .add("smtpHost", info.mail().smtpHost())
        .add("smtpPort", info.mail().smtpPort())
        .add("pop3Host", info.mail().pop3Host())
        .add("pop3Port", info.mail().pop3Port())
        .build()
        .toString();
  }
}
