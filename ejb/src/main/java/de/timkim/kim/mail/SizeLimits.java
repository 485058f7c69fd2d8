package de.timkim.kim.mail;

/**
 * KIM limits a message to 25 MiB net: the plaintext message the practice software hands the client
 * module. What reaches the Fachdienst is that message signed, encrypted and base64-encoded twice
 * (the signed entity inside the envelope, and the envelope in the outer message), so the
 * Fachdienst's SMTP limit is the wire size of a 25 MiB net message:
 *
 * <pre>
 * signed   = ber(net) + signatureOverhead            (signer certificate, attributes: 16 KiB)
 * inner    = b64(signed) + innerHeaders              (1 KiB)
 * enveloped= ber(inner) + envelopeOverhead           (RecipientInfos for up to 100 recipients,
 *                                                     IV, padding: 64 KiB)
 * wire     = b64(enveloped) + headerAllowance        (outer headers, Received lines: 64 KiB)
 * b64(n)   = ceil(n / 3) × 4 plus CRLF after every 76 characters
 * ber(n)   = n + 1 %                                 (streamed CMS writes its content as BER
 *                                                     octet-string segments, each with a header;
 *                                                     measured 0.6 % with the Konnektor adapter)
 * </pre>
 *
 * That is about 1.9 × net; for 25 MiB, 50,262,766 bytes.
 */
public final class SizeLimits {

  /** 25 MiB: the largest plaintext message KIM carries. */
  public static final long NET_LIMIT_BYTES = 25L * 1024 * 1024;

  static final long SIGNATURE_OVERHEAD_BYTES = 16 * 1024;
  static final long INNER_HEADER_BYTES = 1024;
  static final long ENVELOPE_OVERHEAD_BYTES = 64 * 1024;
  static final long HEADER_ALLOWANCE_BYTES = 64 * 1024;

  private SizeLimits() {}

  /** The largest wire message that can carry {@code netBytes} of plaintext. */
  public static long wireLimit(long netBytes) {
    long inner = base64(ber(netBytes) + SIGNATURE_OVERHEAD_BYTES) + INNER_HEADER_BYTES;
    return base64(ber(inner) + ENVELOPE_OVERHEAD_BYTES) + HEADER_ALLOWANCE_BYTES;
  }

  /** Content plus an allowance of 1 % for BER segment headers. */
  static long ber(long bytes) {
    return bytes + (bytes + 99) / 100;
  }

  /** Length of {@code bytes} in base64 with a CRLF after every 76 characters. */
  static long base64(long bytes) {
    long characters = (bytes + 2) / 3 * 4;
    return characters + (characters + 75) / 76 * 2;
  }
}
