package de.timkim.it.kim;

import de.timkim.it.DeployedEar;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Fachdienst's own messages and relay with Python's smtplib, poplib and email package: delivery
 * status notifications, bounces, absence notes and relay over SMTPS to another Fachdienst
 * (server_messages_test.py holds the individual cases).
 */
@ExtendWith(ArquillianExtension.class)
class ServerMessagesIT extends DeployedEar {

  @Test
  void pythonMailClientsPassServerMessageScenarios() throws Exception {
    PythonMailClients.run("server_messages_test");
  }
}
