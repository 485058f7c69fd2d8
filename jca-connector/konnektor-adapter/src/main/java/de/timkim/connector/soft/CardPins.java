package de.timkim.connector.soft;

import de.timkim.connector.CardLockedException;
import de.timkim.connector.CardType;
import de.timkim.connector.CertRef;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.PinState;
import de.timkim.connector.PinStatus;
import de.timkim.connector.PinType;
import de.timkim.connector.WrongPinException;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The PINs of the software cards: retry counters, kept in {@code pin-state.properties} so that a
 * blocked PIN stays blocked across restarts, and which PINs are verified in this run.
 */
final class CardPins {

  private static final Logger LOG = Logger.getLogger(CardPins.class.getName());
  private static final int PIN_TRIES = 3;

  /** The PIN of every software test card, documented in jca-connector/README.md. */
  static final String TEST_PIN = "123456";

  private final Path directory;
  private final Properties pinState = new Properties();
  // PIN.x verified in this run; like a card session it does not survive a restart
  private final Set<String> verified = new HashSet<>();

  private CardPins(Path directory) {
    this.directory = directory;
  }

  /** The retry counters saved in the directory, or all PINs at full tries if none are. */
  static CardPins load(Path directory) throws IOException {
    CardPins pins = new CardPins(directory);
    Path file = directory.resolve("pin-state.properties");
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        pins.pinState.load(reader);
      }
    }
    return pins;
  }

  synchronized PinState pinState(SoftwareCard card, PinType pin) throws KonnektorException {
    requirePinOf(card, pin);
    int left = leftTries(card, pin);
    if (left == 0) {
      return new PinState(PinStatus.BLOCKED, 0);
    }
    return new PinState(
        verified.contains(key(card, pin)) ? PinStatus.VERIFIED : PinStatus.VERIFIABLE, left);
  }

  /**
   * VerifyPin. A null value is the simulated card terminal, at which the right PIN is typed.
   *
   * @throws WrongPinException wrong PIN, tries left
   * @throws CardLockedException the PIN was blocked already (4063) or is now (4275)
   */
  synchronized PinState verifyPin(SoftwareCard card, PinType pin, char[] value)
      throws KonnektorException {
    requirePinOf(card, pin);
    int left = leftTries(card, pin);
    if (left == 0) {
      throw new CardLockedException(
          KonnektorErrorCode.PIN_BLOCKED,
          "PIN bereits blockiert (BLOCKED): " + pin.wireName() + " of card " + card.cardHandle());
    }
    boolean right = value == null || java.util.Arrays.equals(value, TEST_PIN.toCharArray());
    if (right) {
      setLeftTries(card, pin, PIN_TRIES);
      verified.add(key(card, pin));
      return new PinState(PinStatus.VERIFIED, PIN_TRIES);
    }
    left--;
    setLeftTries(card, pin, left);
    verified.remove(key(card, pin));
    if (left == 0) {
      LOG.warning(
          () ->
              "Software Konnektor: "
                  + pin.wireName()
                  + " of card "
                  + card.cardHandle()
                  + " now blocked");
      throw new CardLockedException(
          KonnektorErrorCode.PIN_NOW_BLOCKED,
          "PIN jetzt gesperrt (BLOCKED): " + pin.wireName() + " of card " + card.cardHandle());
    }
    throw new WrongPinException(
        "PIN falsch (REJECTED): "
            + pin.wireName()
            + " of card "
            + card.cardHandle()
            + ", "
            + left
            + " tries left",
        left);
  }

  /**
   * What a Konnektor does before using a key: if the PIN is not verified in this session, it asks
   * at the terminal (here: enters it); a blocked PIN stops the operation with 4063.
   */
  synchronized void unlock(SoftwareCard card, CertRef ref) throws KonnektorException {
    PinType pin = card.pinFor(ref);
    if (card.type() == CardType.HBA && ref == CertRef.QES) {
      // each qualified signature needs its own PIN.QES entry (no comfort signature here)
      verifyPin(card, pin, null);
      verified.remove(key(card, pin));
      return;
    }
    if (!verified.contains(key(card, pin))) {
      verifyPin(card, pin, null);
    }
  }

  private void requirePinOf(SoftwareCard card, PinType pin) throws KonnektorException {
    if (!card.pins().contains(pin)) {
      throw new KonnektorException(
          KonnektorErrorCode.INVALID_PIN_REFERENCE,
          "Ungültige PIN-Referenz PinRef: " + pin.wireName() + " on " + card.type().wireName());
    }
  }

  private int leftTries(SoftwareCard card, PinType pin) {
    return Integer.parseInt(pinState.getProperty(key(card, pin), String.valueOf(PIN_TRIES)));
  }

  private void setLeftTries(SoftwareCard card, PinType pin, int left) throws KonnektorException {
    pinState.setProperty(key(card, pin), String.valueOf(left));
    try {
      Path file = directory.resolve("pin-state.properties");
      Path temp = Files.createTempFile(directory, ".pin-state", ".tmp");
      try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
        pinState.store(writer, "PIN retry counters of the software cards");
      }
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new KonnektorException(
          KonnektorErrorCode.INTERNAL_ERROR, "Cannot save PIN state: " + e.getMessage(), e);
    }
  }

  private static String key(SoftwareCard card, PinType pin) {
    return card.iccsn() + "." + pin.wireName();
  }
}
