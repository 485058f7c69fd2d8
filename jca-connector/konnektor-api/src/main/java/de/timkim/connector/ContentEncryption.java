package de.timkim.connector;

/**
 * How EncryptDocument protects the content. KIM 1.5 sends AuthEnvelopedData (RFC 5083) with
 * AES-256-GCM (RFC 5084): the tag makes any change to the ciphertext detectable. KIM 1.0 receivers
 * only know EnvelopedData with AES-256-CBC, which has no integrity of its own.
 */
public enum ContentEncryption {
  /** CMS AuthEnvelopedData, id-aes256-GCM, 12-byte nonce, 16-byte tag (KIM 1.5). */
  AES_256_GCM,
  /** CMS EnvelopedData, id-aes256-CBC (KIM 1.0). */
  AES_256_CBC
}
