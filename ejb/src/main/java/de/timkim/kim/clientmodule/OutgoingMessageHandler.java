package de.timkim.kim.clientmodule;

import de.timkim.kim.clientmodule.smime.CryptoMemoryGate;
import de.timkim.kim.clientmodule.smime.SmimeException;
import de.timkim.kim.clientmodule.smime.SmimeService;
import de.timkim.kim.directory.KimDirectory;
import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.SizeLimits;
import de.timkim.kim.mailbox.MessageTooLargeException;
import de.timkim.kim.mailbox.SizeLimitedInputStream;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;

/**
 * One message from the practice software: every recipient must have an encryption certificate in
 * the directory (checked at RCPT, so the practice software learns at once); the message may have at
 * most 25 MiB; it is signed and encrypted through the Konnektor and sent to the Fachdienst, and the
 * Fachdienst's answer is passed back.
 */
final class OutgoingMessageHandler implements MessageHandler {

  private static final Logger LOG = Logger.getLogger(OutgoingMessageHandler.class.getName());

  static final String SENDER_SYSTEM = "TIM-KIM Clientmodul;0.1";

  private final ClientModuleLogin login;
  private final String password;
  private final KimDirectory directory;
  private final SmimeService smime;
  private final FachdienstClient fachdienst;

  private KimAddress sender;
  private final List<KimAddress> recipients = new ArrayList<>();

  OutgoingMessageHandler(
      ClientModuleLogin login,
      String password,
      KimDirectory directory,
      SmimeService smime,
      FachdienstClient fachdienst) {
    this.login = login;
    this.password = password;
    this.directory = directory;
    this.smime = smime;
    this.fachdienst = fachdienst;
  }

  static OutgoingMessageHandler notLoggedIn(MessageContext context) {
    return new OutgoingMessageHandler(null, null, null, null, null);
  }

  @Override
  public void from(String from) throws RejectException {
    if (login == null) {
      throw new RejectException(530, "5.7.0 Authentication required");
    }
    KimAddress address;
    try {
      address = KimAddress.parse(from);
    } catch (IllegalArgumentException e) {
      throw new RejectException(553, "5.1.7 Bad sender address");
    }
    if (!address.equals(login.address())) {
      throw new RejectException(553, "5.7.1 The sender must be the KIM address you logged in as");
    }
    sender = address;
  }

  @Override
  public void recipient(String recipient) throws RejectException {
    KimAddress address;
    try {
      address = KimAddress.parse(recipient);
    } catch (IllegalArgumentException e) {
      throw new RejectException(501, "5.1.3 Bad recipient address syntax");
    }
    if (directory.encryptionCertificates(address).isEmpty()) {
      throw new RejectException(
          550,
          "5.1.1 "
              + address
              + " has no encryption certificate in the KIM directory; it cannot receive KIM mail");
    }
    recipients.add(address);
  }

  @Override
  public String data(InputStream data) throws RejectException, IOException {
    // spooled to disk first: messages waiting for their turn at the heap (CryptoMemoryGate) must
    // not wait in it
    Path spool = Files.createTempFile("kim-outgoing-", ".eml");
    try {
      long size;
      try (OutputStream out = Files.newOutputStream(spool)) {
        size = new SizeLimitedInputStream(data, SizeLimits.NET_LIMIT_BYTES).transferTo(out);
      } catch (MessageTooLargeException e) {
        data.transferTo(OutputStream.nullOutputStream());
        throw new RejectException(
            552,
            "5.3.4 Message size exceeds the KIM limit of "
                + SizeLimits.NET_LIMIT_BYTES
                + " bytes (25 MiB)");
      }
      try (CryptoMemoryGate.Pass admitted = smime.admit(size)) {
        return signEncryptAndSend(Files.readAllBytes(spool));
      } catch (SmimeException e) {
        LOG.info(() -> "Message of " + sender + " not encrypted: " + e.getMessage());
        throw new RejectException(554, "5.7.0 Cannot sign and encrypt: " + e.getMessage());
      }
    } finally {
      Files.deleteIfExists(spool);
    }
  }

  private String signEncryptAndSend(byte[] message) throws SmimeException, RejectException {
    byte[] encrypted =
        smime.signAndEncrypt(login.context(), sender, recipients, message, SENDER_SYSTEM);
    try {
      fachdienst.send(
          login,
          password,
          sender.toString(),
          recipients.stream().map(KimAddress::toString).toList(),
          encrypted);
    } catch (MessagingException e) {
      throw fachdienstRefusal(e);
    }
    return "2.0.0 Ok: signed, encrypted and accepted by the Fachdienst";
  }

  @Override
  public void done() {}

  /** The Fachdienst's own reply when it gave one (552, 550 ...), else a temporary failure. */
  private RejectException fachdienstRefusal(MessagingException e) {
    for (Exception cause = e; cause != null; ) {
      if (cause instanceof SMTPAddressFailedException failed) {
        return new RejectException(failed.getReturnCode(), text(failed.getMessage()));
      }
      if (cause instanceof SMTPSendFailedException failed && failed.getReturnCode() >= 400) {
        return new RejectException(failed.getReturnCode(), text(failed.getMessage()));
      }
      cause =
          cause instanceof MessagingException m
              ? m.getNextException()
              : cause instanceof SendFailedException s ? s.getNextException() : null;
    }
    LOG.log(Level.WARNING, "Fachdienst unreachable for " + sender, e);
    return new RejectException(451, "4.4.1 The Fachdienst cannot be reached, try again later");
  }

  /** "552 5.3.4 text" as Angus reports it, minus the code the RejectException adds again. */
  private static String text(String reply) {
    String trimmed = reply == null ? "" : reply.trim();
    return trimmed.matches("^\\d{3}[ -].*") ? trimmed.substring(4) : trimmed;
  }
}
