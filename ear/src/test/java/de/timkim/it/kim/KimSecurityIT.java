package de.timkim.it.kim;

import de.timkim.it.DeployedEar;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The KIM security review's findings (docs/security/kim.md) against the deployed server, one Python
 * test class of security_test.py each: stock smtplib/poplib clients, a fake Fachdienst with its own
 * certificate, openssl s_client.
 */
@ExtendWith(ArquillianExtension.class)
class KimSecurityIT extends DeployedEar {

  @Test
  void clientModuleServesOnlyListedTrustedFachdiensteAndBoundKonnektorContexts() throws Exception {
    PythonMailClients.run("security_test.ClientModuleAccessTest");
  }

  @Test
  void onlyTheClientModulesResultHeadersAndSignaturesOfTheSendersInstitutionCount()
      throws Exception {
    PythonMailClients.run("security_test.SignatureSenderTest");
  }

  @Test
  void bareLineEndsAreRefusedAtDataAndNeverReachPop3Unnormalised() throws Exception {
    PythonMailClients.run("security_test.BareLineEndingTest");
  }

  @Test
  void wrongPasswordsLimitOneClientAddressAndUnknownAccountsCostAHash() throws Exception {
    PythonMailClients.run("security_test.LoginLimitTest");
  }

  @Test
  void relayingFachdiensteSendOnlyAsTheirCertificatesDomainsAndOutboundRelayChecksHostNames()
      throws Exception {
    PythonMailClients.run("security_test.RelayPeerTest");
  }

  @Test
  void mailListenersOfferOnlyEcdheGcmAndTls13() throws Exception {
    PythonMailClients.run("security_test.TlsSuitesTest");
  }
}
