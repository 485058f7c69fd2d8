package de.timkim.connector.soft;

import java.util.Map;

/**
 * Profession OIDs of gemSpec_OID the test PKI knows by name (for the admission's professionItems
 * text); any other OID is accepted and shown as itself.
 */
final class ProfessionOids {

  /** oid_arzt: Ärztin/Arzt, on an eHBA */
  static final String ARZT = "1.2.276.0.76.4.30";

  /** oid_praxis_arzt: Betriebsstätte Arzt, on an SMC-B */
  static final String PRAXIS_ARZT = "1.2.276.0.76.4.50";

  /** oid_krankenhaus: Krankenhaus, on an SMC-B */
  static final String KRANKENHAUS = "1.2.276.0.76.4.53";

  private static final Map<String, String> NAMES =
      Map.of(
          ARZT, "Ärztin/Arzt",
          PRAXIS_ARZT, "Betriebsstätte Arzt",
          KRANKENHAUS, "Krankenhaus");

  private ProfessionOids() {}

  static String displayName(String oid) {
    return NAMES.getOrDefault(oid, oid);
  }
}
