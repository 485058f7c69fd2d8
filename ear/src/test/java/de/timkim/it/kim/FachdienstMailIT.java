package de.timkim.it.kim;

import de.timkim.it.DeployedEar;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Fachdienst's SMTPS, submission (STARTTLS) and POP3S listeners with Python's smtplib and
 * poplib: delivery, every POP3 command, KIM's recipient and size rules, AUTH rate limiting and bad
 * input (fachdienst_test.py holds the individual cases).
 */
@ExtendWith(ArquillianExtension.class)
class FachdienstMailIT extends DeployedEar {

  @Test
  void pythonMailClientsPassFachdienstScenarios() throws Exception {
    PythonMailClients.run("fachdienst_test");
  }
}
