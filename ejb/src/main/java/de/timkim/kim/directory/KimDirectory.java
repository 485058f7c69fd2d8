package de.timkim.kim.directory;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CertRef;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorConnection;
import de.timkim.connector.KonnektorConnectionFactory;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.UnknownCardHandleException;
import de.timkim.kim.mail.KimAddress;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.logging.Logger;

/**
 * The encryption certificates of KIM addresses. TIM-KIM keeps its own entries (what the account
 * manager would publish to the VZD) and answers the client module's lookups from them.
 */
@Stateless
public class KimDirectory {

  private static final Logger LOG = Logger.getLogger(KimDirectory.class.getName());

  @PersistenceContext private EntityManager em;

  @Resource(lookup = "java:/eis/Konnektor")
  private KonnektorConnectionFactory konnektor;

  /** Replaces the address's entry with the given encryption certificates. */
  public void publish(KimAddress address, String telematikId, List<X509Certificate> certificates) {
    em.createNamedQuery("DirectoryCertificate.deleteOfAddress")
        .setParameter("address", address.toString())
        .executeUpdate();
    for (X509Certificate certificate : certificates) {
      try {
        byte[] der = certificate.getEncoded();
        em.persist(
            new DirectoryCertificate(
                address.toString(),
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der)),
                telematikId,
                Base64.getEncoder().encodeToString(der)));
      } catch (CertificateEncodingException | NoSuchAlgorithmException e) {
        throw new IllegalArgumentException("Unusable certificate", e);
      }
    }
    LOG.info(
        () -> "Directory entry of " + address + ": " + certificates.size() + " certificate(s)");
  }

  /** Removes the address's entry (deregistered, or the institution wants no directory entry). */
  public void withdraw(KimAddress address) {
    int removed =
        em.createNamedQuery("DirectoryCertificate.deleteOfAddress")
            .setParameter("address", address.toString())
            .executeUpdate();
    LOG.info(() -> "Directory entry of " + address + " withdrawn (" + removed + " certificates)");
  }

  /** What {@link #publishFromCard} published: the Mandant it read the card in, its certificates. */
  public record PublishedCard(String mandantId, List<X509Certificate> certificates) {}

  /**
   * Publishes the encryption certificates (C.HCI.ENC of an SMC-B, C.HP.ENC of an HBA: RSA, and ECC
   * where the card has it) of the card with {@code cardHandle}, read in the given Mandant's context
   * (null: the installation's default context).
   */
  public PublishedCard publishFromCard(KimAddress address, String mandantId, String cardHandle)
      throws KonnektorException {
    try (KonnektorConnection connection = konnektor.getConnection()) {
      var defaults = connection.defaultContext();
      var context =
          new de.timkim.connector.KonnektorContext(
              mandantId == null ? defaults.mandantId() : mandantId,
              defaults.clientSystemId(),
              defaults.workplaceId());
      CardInfo card =
          connection.getCards(context).stream()
              .filter(c -> c.cardHandle().equals(cardHandle))
              .findFirst()
              .orElseThrow(() -> UnknownCardHandleException.forHandle(cardHandle));
      List<X509Certificate> certificates = new ArrayList<>();
      certificates.add(
          connection.readCardCertificate(context, card.cardHandle(), CertRef.ENC, Crypt.RSA));
      try {
        // newer cards carry a brainpoolP256r1 encryption key beside the RSA one, and the TI moves
        // to ECC only: senders encrypt for both, so either key opens the message
        certificates.add(
            connection.readCardCertificate(context, card.cardHandle(), CertRef.ENC, Crypt.ECC));
      } catch (KonnektorException e) {
        if (e.code() != KonnektorErrorCode.CERTIFICATE_NOT_PRESENT) {
          throw e;
        }
      }
      publish(address, null, certificates);
      return new PublishedCard(context.mandantId(), certificates);
    }
  }

  /** The address's encryption certificates; empty when the directory does not know it. */
  public List<X509Certificate> encryptionCertificates(KimAddress address) {
    List<X509Certificate> result = new ArrayList<>();
    for (DirectoryCertificate entry :
        em.createNamedQuery("DirectoryCertificate.ofAddress", DirectoryCertificate.class)
            .setParameter("address", address.toString())
            .getResultList()) {
      result.add(parse(entry.certificate()));
    }
    return result;
  }

  private static X509Certificate parse(String base64) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64)));
    } catch (CertificateException e) {
      throw new IllegalStateException("Unreadable certificate in the directory", e);
    }
  }
}
