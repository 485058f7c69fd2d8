package de.timkim.connector.soap.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import de.timkim.connector.CardLockedException;
import de.timkim.connector.CertificateInvalidException;
import de.timkim.connector.KonnektorErrorCode;
import de.timkim.connector.KonnektorException;
import de.timkim.connector.UnknownCardHandleException;
import de.timkim.connector.WrongPinException;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class KonnektorFaultTest {

  @Test
  void errorCodesSurviveTheFaultAsTheSameKindOfException() {
    assertInstanceOf(
        UnknownCardHandleException.class, roundTrip(UnknownCardHandleException.forHandle("h1")));
    assertInstanceOf(
        CardLockedException.class,
        roundTrip(new CardLockedException(KonnektorErrorCode.PIN_BLOCKED, "blocked")));
    assertInstanceOf(WrongPinException.class, roundTrip(new WrongPinException("wrong", 2)));
    var revoked =
        roundTrip(new CertificateInvalidException(KonnektorErrorCode.CERTIFICATE_REVOKED, "r"));
    assertInstanceOf(CertificateInvalidException.class, revoked);
    assertEquals(1047, revoked.code());
  }

  @Test
  void faultCarriesCodeTextAndSecurityTypeInTheTelematikErrorTrace() {
    var fault = KonnektorFault.of(new WrongPinException("PIN falsch (REJECTED)", 1));
    Common.Trace trace = fault.getFaultInfo().trace.get(0);
    assertEquals(BigInteger.valueOf(4276), trace.code);
    assertEquals("Security", trace.errorType);
    assertEquals("PIN falsch (REJECTED)", trace.errorText);
  }

  @Test
  void codeWithoutOwnExceptionStaysAPlainKonnektorExceptionWithItsCode() {
    var e = roundTrip(new KonnektorException(KonnektorErrorCode.WRONG_KEY, "falscher Schlüssel"));
    assertEquals(KonnektorException.class, e.getClass());
    assertEquals(4106, e.code());
    assertEquals("falscher Schlüssel", e.getMessage());
  }

  private static KonnektorException roundTrip(KonnektorException e) {
    return KonnektorFault.of(e).toKonnektorException();
  }
}
