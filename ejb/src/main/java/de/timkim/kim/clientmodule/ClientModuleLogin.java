package de.timkim.kim.clientmodule;

import de.timkim.connector.KonnektorContext;
import de.timkim.kim.mail.KimAddress;

/**
 * What the practice software puts into the user name when it logs in to the client module (gematik
 * KIM: {@code address#fachdienst-host:port#Mandant#ClientSystem#Workplace}): the KIM account, where
 * its Fachdienst is, and the Konnektor call context whose card signs and decrypts.
 *
 * @param fachdienstPort the Fachdienst's SMTPS port (465) for sending; POP3S uses its configured
 *     port on the same host
 */
public record ClientModuleLogin(
    KimAddress address, String fachdienstHost, int fachdienstPort, KonnektorContext context) {

  /**
   * Parses the user name.
   *
   * @throws IllegalArgumentException if it does not have that form
   */
  public static ClientModuleLogin parse(String userName) {
    if (userName == null) {
      throw new IllegalArgumentException("No user name");
    }
    String[] parts = userName.split("#", -1);
    // gematik api-kim Primaersystem.adoc: an optional sixth part names the Konnektor; this
    // installation has one, so it is accepted and not used
    if (parts.length != 5 && parts.length != 6) {
      throw new IllegalArgumentException(
          "User name must be address#fachdienst-host:port#Mandant#ClientSystem#Workplace");
    }
    KimAddress address = KimAddress.parse(parts[0]);
    String hostAndPort = parts[1];
    int colon = hostAndPort.lastIndexOf(':');
    String host = colon < 0 ? hostAndPort : hostAndPort.substring(0, colon);
    int port;
    try {
      port = colon < 0 ? 465 : Integer.parseInt(hostAndPort.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("Fachdienst port is not a number");
    }
    if (host.isBlank()
        || !host.matches("[A-Za-z0-9.:\\[\\]-]{1,253}")
        || port < 1
        || port > 65535) {
      throw new IllegalArgumentException("Bad Fachdienst host or port");
    }
    return new ClientModuleLogin(
        address, host, port, new KonnektorContext(parts[2], parts[3], parts[4]));
  }
}
