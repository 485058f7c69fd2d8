package de.timkim.kim.clientmodule.smime;

import de.timkim.connector.ContentEncryption;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * The MIME side of KIM's S/MIME (gematik KIM S/MIME profile, RFC 8551): the outer message that
 * carries only what transport needs, the {@code application/pkcs7-mime} entities around the CMS
 * structures, and the header lines the client module puts in front of what it hands over.
 */
final class SmimeEntities {

  /** gematik's fixed outer subject: the real one travels encrypted. */
  static final String OUTER_SUBJECT = "KOM-LE-Nachricht";

  static final String DEFAULT_DIENSTKENNUNG = "KIM-Mail;Default;V1.0";

  private static final List<String> ROUTING_HEADERS =
      List.of("From", "Sender", "Reply-To", "To", "Cc", "Date", "Message-ID");

  private SmimeEntities() {}

  /** The S/MIME type of the outer entity (RFC 8551 3.2.2). */
  static String smimeType(ContentEncryption encryption) {
    return encryption == ContentEncryption.AES_256_CBC ? "enveloped-data" : "authEnveloped-data";
  }

  /** The outer message: the routing headers, the fixed subject and the X-KIM headers. */
  static byte[] outer(
      MessageHeaders original, byte[] enveloped, String senderSystem, String smimeType) {
    StringBuilder head = new StringBuilder();
    for (String name : ROUTING_HEADERS) {
      for (MessageHeaders.Field field : original.all(name)) {
        head.append(field.raw()).append("\r\n");
      }
    }
    if (original.all("Date").isEmpty()) {
      head.append("Date: ")
          .append(
              java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
                  java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC)))
          .append("\r\n");
    }
    if (original.all("Message-ID").isEmpty()) {
      head.append("Message-ID: <").append(UUID.randomUUID()).append("@kim.clientmodule>\r\n");
    }
    String dienstkennung = original.first("X-KIM-Dienstkennung");
    head.append("Subject: ").append(OUTER_SUBJECT).append("\r\n");
    head.append("X-KIM-Dienstkennung: ")
        .append(dienstkennung == null ? DEFAULT_DIENSTKENNUNG : dienstkennung)
        .append("\r\n");
    head.append("X-KIM-Sendersystem: ").append(senderSystem).append("\r\n");
    return entity(smimeType, enveloped, List.of(head.toString()));
  }

  /** A MIME entity of type application/pkcs7-mime with the CMS structure base64-encoded. */
  static byte[] entity(String smimeType, byte[] cms, List<String> extraHeaders) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(cms.length * 4 / 3 + 4096);
    StringBuilder head = new StringBuilder();
    extraHeaders.forEach(head::append);
    head.append("MIME-Version: 1.0\r\n")
        .append("Content-Type: application/pkcs7-mime; smime-type=")
        .append(smimeType)
        .append("; name=\"smime.p7m\"\r\n")
        .append("Content-Disposition: attachment; filename=\"smime.p7m\"\r\n")
        .append("Content-Transfer-Encoding: base64\r\n\r\n");
    out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
    // encoded straight into the result: a 25 MiB message is large enough without another copy
    try (OutputStream base64 =
        Base64.getMimeEncoder(76, new byte[] {'\r', '\n'}).wrap(new NonClosing(out))) {
      base64.write(cms);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.writeBytes(new byte[] {'\r', '\n'});
    return out.toByteArray();
  }

  /** The decoded base64 body of an application/pkcs7-mime entity. */
  static byte[] base64Body(byte[] message, MessageHeaders headers) throws SmimeException {
    try {
      return Base64.getMimeDecoder()
          .wrap(
              new ByteArrayInputStream(
                  message, headers.bodyOffset(), message.length - headers.bodyOffset()))
          .readAllBytes();
    } catch (IOException | IllegalArgumentException e) {
      throw new SmimeException("The S/MIME body is not valid base64", e);
    }
  }

  /** {@code message} with {@code headerLines} in front (the client module's verdict). */
  static byte[] prepend(byte[] message, String... headerLines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(message.length + 512);
    for (String line : headerLines) {
      out.writeBytes((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    }
    out.writeBytes(message);
    return out.toByteArray();
  }

  /** Lets the base64 encoder finish its last line without closing the buffer underneath. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() {}
  }

  /** {@code text} on one line, without double quotes, for a header. */
  static String oneLine(String text) {
    return text == null ? "" : text.replaceAll("[\\r\\n\\t]+", " ").replace("\"", "'");
  }
}
