package de.timkim.connector;

/** PIN references (CardServiceCommon PinTyp): PIN.SMC on the SMC-B, PIN.CH and PIN.QES on HBA. */
public enum PinType {
  PIN_SMC("PIN.SMC"),
  PIN_CH("PIN.CH"),
  PIN_QES("PIN.QES");

  private final String wireName;

  PinType(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  public static PinType fromWireName(String name) throws KonnektorException {
    for (PinType type : values()) {
      if (type.wireName.equals(name)) {
        return type;
      }
    }
    throw new KonnektorException(
        KonnektorErrorCode.INVALID_PIN_REFERENCE, "Ungültige PIN-Referenz PinRef: " + name);
  }
}
