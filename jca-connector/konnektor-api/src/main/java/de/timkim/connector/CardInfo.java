package de.timkim.connector;

import java.io.Serializable;
import java.util.Objects;

/**
 * A card the Konnektor sees (CardService v8.1 CardInfoType, reduced to what TIM-KIM uses).
 *
 * @param cardHandle the handle for all further card operations
 * @param type SMC-B or HBA
 * @param iccsn the card's serial number (20 digits)
 * @param holderName institution (SMC-B) or professional (HBA)
 */
public record CardInfo(String cardHandle, CardType type, String iccsn, String holderName)
    implements Serializable {

  public CardInfo {
    Objects.requireNonNull(cardHandle, "cardHandle");
    Objects.requireNonNull(type, "type");
  }
}
