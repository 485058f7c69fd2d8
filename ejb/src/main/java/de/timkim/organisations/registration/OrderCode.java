package de.timkim.organisations.registration;

import java.io.Serializable;

/**
 * A registration code as the operator lists it; {@code organisationId} is the organisation that
 * redeemed it, once used.
 */
public record OrderCode(
    String code,
    String orderReference,
    long createdAt,
    long expiresAt,
    Long usedAt,
    String organisationId)
    implements Serializable {

  static OrderCode of(RegistrationCode code) {
    return new OrderCode(
        code.code(),
        code.orderReference(),
        code.createdAt(),
        code.expiresAt(),
        code.usedAt(),
        code.organisationId());
  }
}
