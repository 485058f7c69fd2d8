package de.timkim.connector;

/**
 * Key algorithm of a card key (Konnektor Crypt parameter): the TI uses RSA-2048 and ECC P-256r1.
 */
public enum Crypt {
  RSA,
  /** brainpoolP256r1 */
  ECC
}
