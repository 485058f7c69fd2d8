package de.timkim.connector.soft;

import de.timkim.connector.CardInfo;
import de.timkim.connector.CardType;
import de.timkim.connector.CertRef;
import de.timkim.connector.Crypt;
import de.timkim.connector.PinType;
import de.timkim.connector.TestCardRequest.CertificateState;
import java.util.List;
import java.util.Map;

/**
 * A software card: its identity and one key per certificate reference and algorithm, like the key
 * objects of a real SMC-B (PrK.HCI.AUT/ENC/OSIG) or eHBA (PrK.HP.AUT/ENC/QES).
 */
record SoftwareCard(
    String cardHandle,
    String iccsn,
    CardType type,
    String holderName,
    String telematikId,
    String professionOid,
    String mandantId,
    CertificateState certificates,
    Map<KeyId, Pkcs12Files.KeyAndChain> keys) {

  /** A key on the card. */
  record KeyId(CertRef ref, Crypt crypt) {
    /** The file name: the certificate's name in gemSpec_PKI, e.g. C.HCI.ENC-ECC.p12. */
    String fileName(CardType type) {
      return certificateName(type, ref) + "-" + crypt + ".p12";
    }
  }

  /** The certificate references this card type carries. */
  static List<CertRef> refs(CardType type) {
    return type == CardType.SMC_B
        ? List.of(CertRef.AUT, CertRef.ENC, CertRef.SIG)
        : List.of(CertRef.AUT, CertRef.ENC, CertRef.QES);
  }

  /** gemSpec_PKI's name of a card certificate: C.HCI.OSIG on an SMC-B, C.HP.QES on an eHBA. */
  static String certificateName(CardType type, CertRef ref) {
    String prefix = type == CardType.SMC_B ? "C.HCI." : "C.HP.";
    return prefix + (ref == CertRef.SIG ? "OSIG" : ref.name());
  }

  /** The key used to sign documents: C.HCI.OSIG on an SMC-B, C.HP.QES on an eHBA. */
  CertRef signatureRef() {
    return type == CardType.SMC_B ? CertRef.SIG : CertRef.QES;
  }

  /** The PIN that guards this card's keys for the given certificate. */
  PinType pinFor(CertRef ref) {
    if (type == CardType.SMC_B) {
      return PinType.PIN_SMC;
    }
    return ref == CertRef.QES ? PinType.PIN_QES : PinType.PIN_CH;
  }

  List<PinType> pins() {
    return type == CardType.SMC_B
        ? List.of(PinType.PIN_SMC)
        : List.of(PinType.PIN_CH, PinType.PIN_QES);
  }

  CardInfo info() {
    return new CardInfo(cardHandle, type, iccsn, holderName);
  }
}
