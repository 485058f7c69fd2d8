package de.timkim.it.kim;

import de.timkim.it.DeployedEar;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Practice A to hospital B through the client modules with S/MIME through the software Konnektor's
 * test cards: smtplib and poplib as practice software, OpenSSL to check the stored message
 * (clientmodule_test.py holds the individual cases).
 */
@ExtendWith(ArquillianExtension.class)
class ClientModuleIT extends DeployedEar {

  @Test
  void practiceSoftwareSendsAndReceivesKimMailThroughTheClientModule() throws Exception {
    PythonMailClients.run("clientmodule_test");
  }
}
