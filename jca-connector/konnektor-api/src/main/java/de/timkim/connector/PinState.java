package de.timkim.connector;

import java.io.Serializable;
import java.util.Objects;

/** A PIN's status and how many wrong entries it still tolerates (GetPinStatus LeftTries). */
public record PinState(PinStatus status, int leftTries) implements Serializable {

  public PinState {
    Objects.requireNonNull(status, "status");
  }
}
