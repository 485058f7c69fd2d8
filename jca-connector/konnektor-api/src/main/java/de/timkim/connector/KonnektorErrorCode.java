package de.timkim.connector;

/**
 * gematik error codes the adapter uses, as in the Konnektor's TelematikError {@code Code}. Taken
 * from gemSpec_Kon V5.18.0 (the TAB_KON error tables) and, for certificate checks, gemSpec_PKI
 * V2.14.1 Tab_PKI_274. 0 means "no Konnektor code": the failure is the adapter's own (a backend
 * that does not answer, a closed connection).
 */
public final class KonnektorErrorCode {

  public static final int NONE = 0;

  /** Syntaxfehler */
  public static final int SYNTAX_ERROR = 4000;

  /** Interner Fehler */
  public static final int INTERNAL_ERROR = 4001;

  /** Ungültige Mandanten-ID */
  public static final int INVALID_MANDANT = 4004;

  /** Ungültige Clientsystem-ID */
  public static final int INVALID_CLIENT_SYSTEM = 4005;

  /** Ungültige Arbeitsplatz-ID */
  public static final int INVALID_WORKPLACE = 4006;

  /** PIN bereits blockiert (BLOCKED) */
  public static final int PIN_BLOCKED = 4063;

  /** PIN ist transportgeschützt, Änderung erforderlich */
  public static final int PIN_TRANSPORT_PROTECTED = 4065;

  /** korruptes Chiffrat bei asymmetrischer Entschlüsselung */
  public static final int CORRUPT_CIPHERTEXT = 4069;

  /** Ungültige PIN-Referenz PinRef */
  public static final int INVALID_PIN_REFERENCE = 4072;

  /** PIN-Eingabe über das Clientsystem ist nicht zugelassen */
  public static final int PIN_ENTRY_BY_CLIENT_NOT_ALLOWED = 4078;

  /** Zugriffsbedingungen nicht erfüllt (e.g. the PIN has not been verified) */
  public static final int ACCESS_CONDITION_NOT_MET = 4085;

  /** Karten-Handle ungültig */
  public static final int INVALID_CARD_HANDLE = 4101;

  /** hybride Verschlüsselung konnte nicht durchgeführt werden */
  public static final int ENCRYPTION_FAILED = 4105;

  /** falscher Schlüssel (the document was not encrypted for this card) */
  public static final int WRONG_KEY = 4106;

  /** hybride Entschlüsselung konnte nicht durchgeführt werden */
  public static final int DECRYPTION_FAILED = 4107;

  /** Fehler bei Signaturerstellung */
  public static final int SIGNATURE_FAILED = 4123;

  /** Zertifikat nicht vorhanden */
  public static final int CERTIFICATE_NOT_PRESENT = 4147;

  /** Ungültige Zertifikatsreferenz */
  public static final int INVALID_CERTIFICATE_REFERENCE = 4149;

  /** Kartentyp wird durch diese Operation nicht unterstützt */
  public static final int CARD_TYPE_NOT_SUPPORTED = 4209;

  /** PIN jetzt gesperrt (BLOCKED): this wrong entry blocked it */
  public static final int PIN_NOW_BLOCKED = 4275;

  /** PIN falsch (REJECTED) */
  public static final int PIN_REJECTED = 4276;

  /** gemSpec_PKI CERTIFICATE_NOT_VALID_TIME: Zertifikat ist zeitlich nicht gültig */
  public static final int CERTIFICATE_NOT_VALID_TIME = 1021;

  /** gemSpec_PKI CERT_REVOKED: Zertifikat wurde vor oder zum Referenzzeitpunkt widerrufen */
  public static final int CERTIFICATE_REVOKED = 1047;

  private KonnektorErrorCode() {}
}
