package de.timkim.connector;

/** CardService v8.1 PinStatusEnum. */
public enum PinStatus {
  VERIFIED,
  TRANSPORT_PIN,
  EMPTY_PIN,
  BLOCKED,
  VERIFIABLE,
  DISABLED
}
