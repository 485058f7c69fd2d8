package de.timkim.kim.clientmodule;

import de.timkim.kim.tls.KimTls;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Folder;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;

/**
 * The client module's connections to the Fachdienst: SMTPS for sending, POP3S for fetching, both
 * with the KIM account's credentials, through Jakarta Mail (Angus Mail, provided by WildFly).
 */
final class FachdienstClient {

  private final SSLSocketFactory sockets;
  private final int timeoutMs;

  /**
   * @param sockets TLS towards the Fachdienst: TI trust store with host name check, or this
   *     installation's own certificate ({@code KimTls.fachdienstClientContext})
   */
  FachdienstClient(SSLSocketFactory sockets, int timeoutMs) {
    this.sockets = sockets;
    this.timeoutMs = timeoutMs;
  }

  private Session session(String protocol, String host, int port) {
    Properties properties = new Properties();
    String prefix = "mail." + protocol + ".";
    properties.put(prefix + "host", host);
    properties.put(prefix + "port", String.valueOf(port));
    properties.put(prefix + "connectiontimeout", String.valueOf(timeoutMs));
    properties.put(prefix + "timeout", String.valueOf(timeoutMs));
    properties.put(prefix + "writetimeout", String.valueOf(timeoutMs));
    properties.put(prefix + "ssl.protocols", String.join(" ", KimTls.PROTOCOLS));
    properties.put(prefix + "ssl.ciphersuites", String.join(" ", KimTls.CIPHER_SUITES));
    properties.put(prefix + "ssl.socketFactory", sockets);
    // the socket factory checks the host name during the handshake (a pinned own certificate
    // excepted); Jakarta Mail's later check would refuse the own certificate at 127.0.0.1
    properties.put(prefix + "ssl.checkserveridentity", "false");
    if (protocol.equals("smtps")) {
      properties.put(prefix + "auth", "true");
    }
    return Session.getInstance(properties);
  }

  /** Checks the credentials with an SMTP AUTH at the Fachdienst. */
  boolean canLogIn(ClientModuleLogin login, String password) throws MessagingException {
    Transport transport =
        session("smtps", login.fachdienstHost(), login.fachdienstPort()).getTransport("smtps");
    try {
      transport.connect(
          login.fachdienstHost(), login.fachdienstPort(), login.address().toString(), password);
      return true;
    } catch (AuthenticationFailedException e) {
      return false;
    } finally {
      transport.close();
    }
  }

  /** Sends the (encrypted) message to the Fachdienst for the envelope recipients. */
  void send(
      ClientModuleLogin login,
      String password,
      String sender,
      List<String> recipients,
      byte[] message)
      throws MessagingException {
    Session session = session("smtps", login.fachdienstHost(), login.fachdienstPort());
    session.getProperties().put("mail.smtps.from", sender);
    MimeMessage mime =
        new MimeMessage(session, new ByteArrayInputStream(message)) {
          @Override
          protected void updateMessageID() {
            // keep the Message-ID the practice software gave
          }
        };
    Transport transport = session.getTransport("smtps");
    try {
      transport.connect(
          login.fachdienstHost(), login.fachdienstPort(), login.address().toString(), password);
      InternetAddress[] to = new InternetAddress[recipients.size()];
      for (int i = 0; i < to.length; i++) {
        to[i] = new InternetAddress(recipients.get(i));
      }
      transport.sendMessage(mime, to);
    } finally {
      transport.close();
    }
  }

  /**
   * Opens the account's Fachdienst mailbox; for POP3 the user name names the Fachdienst's POP3S
   * port.
   */
  Store openStore(ClientModuleLogin login, String password) throws MessagingException {
    Store store =
        session("pop3s", login.fachdienstHost(), login.fachdienstPort()).getStore("pop3s");
    store.connect(
        login.fachdienstHost(), login.fachdienstPort(), login.address().toString(), password);
    return store;
  }

  static Folder inbox(Store store) throws MessagingException {
    Folder folder = store.getFolder("INBOX");
    folder.open(Folder.READ_WRITE);
    return folder;
  }
}
