package de.timkim.connector.soft;

import de.timkim.connector.CardType;
import de.timkim.connector.CertRef;
import de.timkim.connector.Crypt;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.TestCardRequest.CertificateState;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * One software card on disk, {@code cards/ICCSN/}: {@code card.properties} (handle, type, holder,
 * Telematik-ID, profession OID, Mandant, certificate state) and one .p12 per key.
 */
final class CardFiles {

  private static final String PROPERTIES = "card.properties";

  private CardFiles() {}

  /** Every card below the cards directory, in the order they were issued. */
  static List<SoftwareCard> readAll(Path cardsDirectory, char[] password)
      throws IOException, GeneralSecurityException, KonnektorException {
    List<SoftwareCard> cards = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(cardsDirectory)) {
      // in the order the cards were issued, so GetCards lists the first-start cards first
      for (Path dir : dirs.sorted(Comparator.comparing(CardFiles::issuedAt)).toList()) {
        if (Files.exists(dir.resolve(PROPERTIES))) {
          cards.add(read(dir, password));
        }
      }
    }
    return cards;
  }

  private static SoftwareCard read(Path dir, char[] password)
      throws IOException, GeneralSecurityException, KonnektorException {
    Properties p = new Properties();
    try (Reader reader = Files.newBufferedReader(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      p.load(reader);
    }
    CardType type = CardType.fromWireName(p.getProperty("type"));
    Map<SoftwareCard.KeyId, Pkcs12Files.KeyAndChain> keys = new LinkedHashMap<>();
    for (CertRef ref : SoftwareCard.refs(type)) {
      for (Crypt crypt : Crypt.values()) {
        var id = new SoftwareCard.KeyId(ref, crypt);
        keys.put(id, Pkcs12Files.read(dir.resolve(id.fileName(type)), password));
      }
    }
    return new SoftwareCard(
        p.getProperty("cardHandle"),
        p.getProperty("iccsn"),
        type,
        p.getProperty("holderName"),
        p.getProperty("telematikId"),
        p.getProperty("professionOid"),
        p.getProperty("mandantId"),
        CertificateState.valueOf(p.getProperty("certificates", "VALID")),
        Map.copyOf(keys));
  }

  /** Writes one key of a card as {@code cards/ICCSN/C.HCI.ENC-RSA.p12} and the like. */
  static void writeKey(
      Path dir, CardType type, SoftwareCard.KeyId id, Pkcs12Files.KeyAndChain key, char[] password)
      throws IOException, GeneralSecurityException {
    Pkcs12Files.write(
        dir.resolve(id.fileName(type)),
        SoftwareCard.certificateName(type, id.ref()) + "-" + id.crypt(),
        key.key(),
        key.chain(),
        password);
  }

  /** Written after the keys: a card directory without it is an unfinished issue, skipped. */
  static void writeProperties(Path dir, SoftwareCard card) throws IOException {
    Properties p = new Properties();
    p.setProperty("cardHandle", card.cardHandle());
    p.setProperty("iccsn", card.iccsn());
    p.setProperty("type", card.type().wireName());
    p.setProperty("holderName", card.holderName());
    p.setProperty("telematikId", card.telematikId());
    p.setProperty("professionOid", card.professionOid());
    p.setProperty("mandantId", card.mandantId());
    p.setProperty("certificates", card.certificates().name());
    try (Writer writer = Files.newBufferedWriter(dir.resolve(PROPERTIES), StandardCharsets.UTF_8)) {
      p.store(writer, "Software Konnektor test card");
    }
  }

  private static FileTime issuedAt(Path cardDirectory) {
    try {
      return Files.getLastModifiedTime(cardDirectory.resolve(PROPERTIES));
    } catch (IOException e) {
      return FileTime.fromMillis(Long.MAX_VALUE);
    }
  }
}
