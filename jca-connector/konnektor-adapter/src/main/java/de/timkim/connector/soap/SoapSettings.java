package de.timkim.connector.soap;

/**
 * How the SOAP backend reaches a Konnektor: timeout for connect and answer, and the client system's
 * TLS identity (gemSpec_Kon: the Konnektor may demand client authentication by certificate).
 *
 * @param tlsKeyStore PKCS#12 file with the client key and certificate, or null for none
 * @param tlsTrustStore file with the Konnektor's CA, or null for the JDK's default trust
 */
public record SoapSettings(
    int timeoutMillis,
    String tlsKeyStore,
    char[] tlsKeyStorePassword,
    String tlsTrustStore,
    char[] tlsTrustStorePassword) {}
