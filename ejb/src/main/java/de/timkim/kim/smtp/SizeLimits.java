package de.timkim.kim.smtp;

/**
 * KIM limits a message to 25 MB net (the plaintext message the practice software hands the client
 * module). What reaches the Fachdienst is that message signed, encrypted and base64-encoded, so the
 * Fachdienst's SMTP limit is the wire size of a 25 MB net message:
 *
 * <pre>
 * wire = (net + cmsOverhead) × 4/3 × 78/76 + headerAllowance
 * </pre>
 *
 * where 4/3 is base64, 78/76 the CRLF after every 76 characters, {@code cmsOverhead} the signature
 * (signer certificate and attributes, about 4 KB) plus one RecipientInfo per recipient (about 0.5
 * KB each, up to 100 recipients) plus AES-GCM's tag and IV, rounded up to 64 KiB, and {@code
 * headerAllowance} the outer headers (64 KiB). For 25 MiB net this is 36,027,502 bytes.
 */
public final class SizeLimits {

  /** 25 MiB: the largest plaintext message KIM carries. */
  public static final long NET_LIMIT_BYTES = 25L * 1024 * 1024;

  static final long CMS_OVERHEAD_BYTES = 64 * 1024;
  static final long HEADER_ALLOWANCE_BYTES = 64 * 1024;

  private SizeLimits() {}

  /** The largest wire message that can carry {@code netBytes} of plaintext. */
  public static long wireLimit(long netBytes) {
    long base64 = ((netBytes + CMS_OVERHEAD_BYTES + 2) / 3) * 4;
    long withLineBreaks = base64 + (base64 + 75) / 76 * 2;
    return withLineBreaks + HEADER_ALLOWANCE_BYTES;
  }
}
