package de.timkim.kim.absence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetHeaders;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AutoReplyRulesTest {

  private static InternetHeaders headers(String text) throws MessagingException {
    return new InternetHeaders(
        new ByteArrayInputStream((text + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void personalMailIsAnswered() throws MessagingException {
    assertNull(AutoReplyRules.reasonNotToAnswer("a@k.test", headers("Subject: x")));
    assertNull(
        AutoReplyRules.reasonNotToAnswer("a@k.test", headers("Auto-Submitted: no (by hand)")));
  }

  @Test
  void automaticListAndBulkMailAndTheNullSenderAreNot() throws MessagingException {
    assertEquals("null sender", AutoReplyRules.reasonNotToAnswer("", headers("Subject: x")));
    assertEquals(
        "Auto-Submitted: auto-replied",
        AutoReplyRules.reasonNotToAnswer("a@k.test", headers("Auto-Submitted: Auto-Replied")));
    assertEquals(
        "Precedence: bulk",
        AutoReplyRules.reasonNotToAnswer("a@k.test", headers("Precedence: BULK")));
    assertEquals(
        "List-Unsubscribe",
        AutoReplyRules.reasonNotToAnswer("a@k.test", headers("List-Unsubscribe: <mailto:x@y>")));
  }
}
