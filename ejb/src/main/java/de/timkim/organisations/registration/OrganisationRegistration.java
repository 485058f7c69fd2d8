package de.timkim.organisations.registration;

import de.timkim.admin.AdminError;
import de.timkim.admin.AdminException;
import de.timkim.admin.accounts.SignedInAdmin;
import de.timkim.organisations.Organisation;
import de.timkim.organisations.Organisations;
import de.timkim.organisations.TenantScope;
import de.timkim.platform.security.smcb.SmcbCertificates;
import de.timkim.platform.security.smcb.SmcbChallenge;
import de.timkim.platform.security.smcb.SmcbChallenges;
import de.timkim.platform.security.smcb.SmcbRefusedException;
import de.timkim.platform.security.smcb.SmcbVerification;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.security.SecureRandom;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How an organisation comes to run messenger services here: the operator issues a registration code
 * with the order; the organisation asks for a challenge with that code, signs it with its SMC-B
 * through its Konnektor (ExternalAuthenticate with C.HCI.AUT) and sends the signature with its
 * certificate. The organisation is created with the Telematik-ID and profession OID of the card,
 * and its first portal admin.
 */
@Stateless
public class OrganisationRegistration {

  private static final Logger LOG = Logger.getLogger(OrganisationRegistration.class.getName());

  private static final SecureRandom RANDOM = new SecureRandom();

  /** No 0/O or 1/I: codes are read off order papers and typed. */
  private static final char[] CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private Organisations organisations;

  @Inject private SmcbVerification smcb;

  @Inject private SmcbChallenges challenges;

  @Inject private de.timkim.messenger.ServerNames serverNames;

  @Inject
  @ConfigProperty(name = "tim.registration.challenge-seconds", defaultValue = "300")
  long challengeSeconds;

  /** What a challenge request gets: the bytes to sign (their SHA-256 goes to the Konnektor). */
  public record Challenge(String challengeId, String challenge, long expiresAt)
      implements java.io.Serializable {}

  /** What signing the challenge proved and created. */
  public record Registered(
      String organisationId,
      String name,
      String telematikId,
      String professionOid,
      String adminUsername) {}

  /**
   * Where one messenger service stands. {@code authentication}: AUTHENTICATED when the organisation
   * proved itself with its SMC-B, SET_UP_BY_OPERATOR otherwise; {@code activation}: ACTIVE (there
   * is no suspension yet); {@code provisioning}: PROVISIONED once this node serves the server name,
   * which happens when its row is committed, without a restart.
   */
  public record ServiceState(
      String serverName,
      long createdAt,
      String authentication,
      String telematikId,
      String activation,
      String provisioning)
      implements java.io.Serializable {}

  public List<ServiceState> serviceStates(TenantScope scope) {
    Organisation organisation = organisations.organisation(scope.organisationId());
    String authentication =
        organisation.authenticatedAt() != null ? "AUTHENTICATED" : "SET_UP_BY_OPERATOR";
    return organisations.services(scope).stream()
        .map(
            s ->
                new ServiceState(
                    s.serverName(),
                    s.createdAt(),
                    authentication,
                    organisation.telematikId(),
                    "ACTIVE",
                    serverNames.isServed(s.serverName()) ? "PROVISIONED" : "PENDING"))
        .toList();
  }

  /** The operator issues a code for an order, valid for {@code validHours} (1 to 720). */
  public OrderCode issueCode(SignedInAdmin operator, String orderReference, int validHours) {
    if (!operator.operator()) {
      throw new AdminException(AdminError.OPERATOR_ONLY);
    }
    if (validHours < 1 || validHours > 720) {
      throw new AdminException(AdminError.INVALID_VALIDITY);
    }
    if (orderReference != null && orderReference.length() > 255) {
      throw new AdminException(AdminError.INVALID_NAME);
    }
    long now = clock.millis();
    RegistrationCode code =
        new RegistrationCode(
            newCode(), orderReference, operator.username(), now, now + validHours * 3_600_000L);
    em.persist(code);
    LOG.info(() -> "Registration code issued by " + operator.username());
    return OrderCode.of(code);
  }

  /** The codes issued, newest first; for the operator. */
  public List<OrderCode> codes(SignedInAdmin operator) {
    if (!operator.operator()) {
      throw new AdminException(AdminError.OPERATOR_ONLY);
    }
    return em
        .createNamedQuery(RegistrationCode.ALL, RegistrationCode.class)
        .getResultList()
        .stream()
        .map(OrderCode::of)
        .toList();
  }

  /** A fresh challenge for a code that is still redeemable. */
  public Challenge openChallenge(String code) {
    long now = clock.millis();
    RegistrationCode known = code == null ? null : em.find(RegistrationCode.class, normal(code));
    if (known == null || !known.redeemableAt(now)) {
      throw new AdminException(AdminError.INVALID_REGISTRATION_CODE);
    }
    SmcbChallenge challenge =
        challenges.issue(
            SmcbChallenges.ORGANISATION_REGISTRATION,
            known.code(),
            Duration.ofSeconds(challengeSeconds));
    return new Challenge(challenge.id(), challenge.challenge(), challenge.expiresAt());
  }

  /**
   * Checks the signed challenge and creates the organisation with its first admin. The challenge is
   * spent first, in its own transaction, so even a refused answer cannot be retried; the code is
   * spent with the organisation, so a refusal leaves it usable for a new challenge.
   *
   * @param certificate the card's C.HCI.AUT certificate (DER), as ReadCardCertificate returns it
   * @param caCertificates the certificates between it and a trust anchor (DER), may be empty
   * @param signature ExternalAuthenticate's signature of SHA-256(challenge)
   * @param name the organisation's name; the card's holder name when blank
   */
  public Registered register(
      String challengeId,
      byte[] certificate,
      List<byte[]> caCertificates,
      byte[] signature,
      String name,
      String adminUsername,
      String adminPassword) {
    SmcbChallenge challenge =
        challenges.find(SmcbChallenges.ORGANISATION_REGISTRATION, challengeId).orElse(null);
    if (challenge == null
        || !challenges.spend(SmcbChallenges.ORGANISATION_REGISTRATION, challengeId)) {
      throw new AdminException(AdminError.INVALID_CHALLENGE);
    }
    long now = clock.millis();
    Set<TrustAnchor> anchors = smcb.anchors();
    SmcbIdentity identity =
        SmcbIdentity.verify(
            certificate,
            caCertificates,
            Base64.getDecoder().decode(challenge.challenge()),
            signature == null ? new byte[0] : signature,
            anchors,
            new Date(now));
    requireNotRevoked(certificate, caCertificates, anchors);
    String organisationName = name == null || name.isBlank() ? identity.holderName() : name.trim();
    Organisation organisation =
        organisations.registerAuthenticated(
            organisationName,
            identity.telematikId(),
            identity.professionOid(),
            adminUsername,
            adminPassword);
    int redeemed =
        em.createNamedQuery(RegistrationCode.REDEEM)
            .setParameter("now", now)
            .setParameter("organisation", organisation.id())
            .setParameter("code", challenge.subject())
            .executeUpdate();
    if (redeemed != 1) {
      // used by a parallel registration, or expired meanwhile
      throw new AdminException(AdminError.INVALID_REGISTRATION_CODE);
    }
    LOG.info(
        () ->
            "Organisation "
                + organisation.id()
                + " registered (Telematik-ID "
                + identity.telematikId()
                + ")");
    return new Registered(
        organisation.id(),
        organisation.name(),
        identity.telematikId(),
        identity.professionOid(),
        adminUsername);
  }

  private static String newCode() {
    StringBuilder code = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      code.append(CODE_ALPHABET[RANDOM.nextInt(CODE_ALPHABET.length)]);
    }
    return code.toString();
  }

  /** Codes are typed: spaces and dashes between groups and lower case are forgiven. */
  private static String normal(String code) {
    return code.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
  }

  /** Finding 18: OCSP status of the (already verified) certificate, fail closed unless off. */
  private void requireNotRevoked(
      byte[] certificateDer, List<byte[]> caCertificates, Set<TrustAnchor> anchors) {
    try {
      X509Certificate certificate = SmcbCertificates.parse(certificateDer);
      List<X509Certificate> intermediates = new ArrayList<>();
      for (byte[] der : caCertificates) {
        intermediates.add(SmcbCertificates.parse(der));
      }
      smcb.requireNotRevoked(certificate, intermediates, anchors);
    } catch (SmcbRefusedException e) {
      LOG.info(() -> "SMC-B registration refused: " + e.getMessage());
      throw new AdminException(
          switch (e.reason()) {
            case REVOKED -> AdminError.REVOKED_CERTIFICATE;
            case STATUS_UNAVAILABLE -> AdminError.CERTIFICATE_STATUS_UNAVAILABLE;
            default -> AdminError.UNTRUSTED_CERTIFICATE;
          });
    }
  }
}
