package de.timkim.kim.smtp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.kim.mail.Notify;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DsnParametersTest {

  @Test
  void mailKeepsSizeForTheLibraryAndTakesRetAndEnvid() throws SmtpReply {
    DsnParameters.Split split =
        DsnParameters.splitMail("MAIL FROM:<a@praxis.kim.test> SIZE=1000 RET=HDRS ENVID=QQ+2B1");
    assertEquals("MAIL FROM:<a@praxis.kim.test> SIZE=1000", split.passOn());
    assertEquals(Map.of("RET", "HDRS", "ENVID", "QQ+2B1"), split.dsn());
    assertEquals("QQ+2B1", DsnParameters.envelope(split.dsn()).envelopeId());
    assertFalse(DsnParameters.envelope(split.dsn()).returnFull());
  }

  @Test
  void rcptReadsNotifyAndDecodesOrcpt() throws SmtpReply {
    DsnParameters.Split split =
        DsnParameters.splitRcpt(
            "RCPT TO:<b@k.test> NOTIFY=success,DELAY ORCPT=rfc822;b+2Bx@k.test");
    assertEquals("RCPT TO:<b@k.test>", split.passOn());
    assertEquals(EnumSet.of(Notify.SUCCESS, Notify.DELAY), DsnParameters.notify(split.dsn()));
    assertEquals("rfc822;b+x@k.test", DsnParameters.originalRecipient(split.dsn()));
  }

  @Test
  void neverIsEmptyAndAbsentIsNull() throws SmtpReply {
    assertTrue(DsnParameters.notify(Map.of("NOTIFY", "NEVER")).isEmpty());
    assertNull(DsnParameters.notify(Map.of()));
  }

  @Test
  void malformedValuesAre501AndUnknownParameters555() {
    assertEquals(501, code(() -> DsnParameters.notify(Map.of("NOTIFY", "NEVER,SUCCESS"))));
    assertEquals(501, code(() -> DsnParameters.notify(Map.of("NOTIFY", "SOMETIMES"))));
    assertEquals(501, code(() -> DsnParameters.notify(Map.of("NOTIFY", "SUCCESS,SUCCESS"))));
    assertEquals(501, code(() -> DsnParameters.envelope(Map.of("RET", "ALL"))));
    assertEquals(501, code(() -> DsnParameters.envelope(Map.of("ENVID", "a=b"))));
    assertEquals(501, code(() -> DsnParameters.originalRecipient(Map.of("ORCPT", "b@k.test"))));
    assertEquals(
        501, code(() -> DsnParameters.originalRecipient(Map.of("ORCPT", "rfc822;a+0D+0Ab"))));
    assertEquals(555, code(() -> DsnParameters.splitRcpt("RCPT TO:<b@k.test> XFOO=1")));
    assertEquals(501, code(() -> DsnParameters.splitRcpt("RCPT TO:<b@k.test> NOTIFY=")));
    assertEquals(
        501, code(() -> DsnParameters.splitRcpt("RCPT TO:<b@k.test> NOTIFY=NEVER NOTIFY=NEVER")));
  }

  @Test
  void xtextNeedsUpperCaseHexEscapes() {
    assertTrue(DsnParameters.isXtext("abc+2B"));
    assertFalse(DsnParameters.isXtext("abc+2b"));
    assertFalse(DsnParameters.isXtext("abc+2"));
    assertFalse(DsnParameters.isXtext("a b"));
  }

  private interface Call {
    Object run() throws SmtpReply;
  }

  private static int code(Call call) {
    return assertThrows(SmtpReply.class, call::run).code();
  }
}
