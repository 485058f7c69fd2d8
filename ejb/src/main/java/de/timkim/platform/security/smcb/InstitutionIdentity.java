package de.timkim.platform.security.smcb;

/**
 * Who an SMC-B authentication certificate names: Telematik-ID and profession OID from its admission
 * extension (common-PKI id-isismtt-at-admission, gemSpec_PKI), the holder's name from its subject.
 */
public record InstitutionIdentity(String telematikId, String professionOid, String holderName) {}
