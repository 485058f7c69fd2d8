package de.timkim.connector;

/** Card types the Konnektor reports (CardServiceCommon v2.0 CardTypeType) that TIM-KIM uses. */
public enum CardType {
  SMC_B("SMC-B"),
  HBA("HBA");

  private final String wireName;

  CardType(String wireName) {
    this.wireName = wireName;
  }

  /** The name on the Konnektor's interface, e.g. "SMC-B". */
  public String wireName() {
    return wireName;
  }

  public static CardType fromWireName(String name) throws KonnektorException {
    for (CardType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new KonnektorException(KonnektorErrorCode.CARD_TYPE_NOT_SUPPORTED, "Card type " + name);
  }
}
