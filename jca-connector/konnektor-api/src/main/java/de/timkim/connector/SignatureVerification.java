package de.timkim.connector;

import java.io.Serializable;
import java.security.cert.X509Certificate;
import java.util.Objects;

/**
 * Outcome of VerifyDocument (SignatureService VerificationResultType HighLevelResult).
 *
 * @param signer the signer's certificate, when the signature carried one
 * @param reason why INVALID or INCONCLUSIVE; null when VALID
 */
public record SignatureVerification(Result result, X509Certificate signer, String reason)
    implements Serializable {

  public enum Result {
    VALID,
    INCONCLUSIVE,
    INVALID
  }

  public SignatureVerification {
    Objects.requireNonNull(result, "result");
  }

  public boolean valid() {
    return result == Result.VALID;
  }
}
