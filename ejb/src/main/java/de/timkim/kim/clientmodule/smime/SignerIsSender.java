package de.timkim.kim.clientmodule.smime;

import de.timkim.kim.accounts.TelematikIds;
import de.timkim.kim.mail.KimAddress;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.function.Function;

/** The rule that a valid signature must also be the sender's (the signer = From check). */
final class SignerIsSender {

  private SignerIsSender() {}

  /**
   * Why a valid signature does not prove the message's From: the signer certificate's Telematik-ID
   * (admission extension) must be the one of the account that owns the From address (gematik KIM:
   * the SMC-B or HBA of the sending institution signs). Empty when it is.
   */
  static Optional<String> problem(
      X509Certificate signer,
      byte[] content,
      Function<KimAddress, Optional<String>> telematikIdOf) {
    String from = MessageHeaders.parse(content).first("From");
    KimAddress sender;
    try {
      InternetAddress[] addresses = InternetAddress.parseHeader(from == null ? "" : from, false);
      if (addresses.length != 1) {
        return Optional.of("From names " + addresses.length + " addresses, not one sender");
      }
      sender = KimAddress.parse(addresses[0].getAddress());
    } catch (AddressException | IllegalArgumentException e) {
      return Optional.of("From is not a KIM address");
    }
    Optional<String> signedBy = signer == null ? Optional.empty() : TelematikIds.of(signer);
    if (signedBy.isEmpty()) {
      return Optional.of("the signer certificate names no Telematik-ID");
    }
    Optional<String> owner = telematikIdOf.apply(sender);
    if (owner.isEmpty()) {
      return Optional.of(
          "signed by Telematik-ID "
              + signedBy.get()
              + ", but no Telematik-ID is known for the sender "
              + sender);
    }
    if (!owner.get().equals(signedBy.get())) {
      return Optional.of(
          "signed by Telematik-ID "
              + signedBy.get()
              + ", but the sender "
              + sender
              + " belongs to Telematik-ID "
              + owner.get());
    }
    return Optional.empty();
  }
}
