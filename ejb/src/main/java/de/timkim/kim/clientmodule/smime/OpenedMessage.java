package de.timkim.kim.clientmodule.smime;

/**
 * A received KIM message after decryption and signature check: the plaintext message with the
 * client module's X-KIM-DecryptionResult and X-KIM-IntegrityCheckResult headers in front.
 */
public record OpenedMessage(byte[] content, boolean decrypted, boolean signatureValid) {}
