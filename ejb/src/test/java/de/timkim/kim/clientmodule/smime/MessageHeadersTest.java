package de.timkim.kim.clientmodule.smime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageHeadersTest {

  @Test
  void resultHeadersAreRemovedWithTheirFoldedLinesAndTheBodyIsUntouched() {
    String message =
        "From: a@x.kim.test\r\n"
            + "x-kim-integritycheckresult: valid;\r\n"
            + "\tsigner=\"CN=forged\"\r\n"
            + "X-KIM-DecryptionResult: decrypted\r\n"
            + "X-KIM-Fehlermeldung: keine\r\n"
            + "X-KIM-Dienstkennung: KIM-Mail;Default;V1.0\r\n"
            + "Subject: s\r\n"
            + "\r\n"
            + "X-KIM-DecryptionResult: in the body stays\r\n";
    assertEquals(
        "From: a@x.kim.test\r\n"
            + "X-KIM-Dienstkennung: KIM-Mail;Default;V1.0\r\n"
            + "Subject: s\r\n"
            + "\r\n"
            + "X-KIM-DecryptionResult: in the body stays\r\n",
        new String(
            MessageHeaders.withoutResultHeaders(message.getBytes(StandardCharsets.US_ASCII)),
            StandardCharsets.US_ASCII));
  }

  @Test
  void aMessageWithoutResultHeadersIsNotCopied() {
    byte[] message = "From: a@x.kim.test\r\n\r\nbody\r\n".getBytes(StandardCharsets.US_ASCII);
    assertSame(message, MessageHeaders.withoutResultHeaders(message));
  }
}
