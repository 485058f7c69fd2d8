package de.timkim.admin.registration;

import de.timkim.admin.AdminException;
import de.timkim.admin.web.PortalMessages;
import de.timkim.organisations.registration.OrganisationRegistration;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * Registering an organisation in two steps: the registration code gets a challenge; the
 * organisation signs it with its SMC-B in its own Konnektor and pastes certificate and signature.
 */
@Named
@ViewScoped
public class RegistrationView implements Serializable {

  private static final long serialVersionUID = 1L;

  @Inject transient OrganisationRegistration registration;

  private String code;
  private OrganisationRegistration.Challenge challenge;
  private String certificate;
  private String caCertificates;
  private String signature;
  private String name;
  private String adminUsername;
  private String adminPassword;
  private String registeredName;
  private String registeredTelematikId;

  public void requestChallenge() {
    try {
      challenge = registration.openChallenge(code);
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
    }
  }

  public void register() {
    try {
      List<byte[]> cas = new ArrayList<>();
      if (caCertificates != null) {
        for (String line : caCertificates.split("\\s+")) {
          if (!line.isBlank()) {
            cas.add(decode(line));
          }
        }
      }
      var registered =
          registration.register(
              challenge == null ? null : challenge.challengeId(),
              decode(certificate),
              cas,
              decode(signature),
              name,
              adminUsername,
              adminPassword);
      registeredName = registered.name();
      registeredTelematikId = registered.telematikId();
      PortalMessages.info("registration.done", registered.name(), registered.adminUsername());
    } catch (AdminException refused) {
      PortalMessages.refused(refused);
      // the challenge is spent even by a refused answer
      challenge = null;
    } catch (IllegalArgumentException notBase64) {
      PortalMessages.error("registration.notBase64");
    } finally {
      adminPassword = null;
    }
  }

  private static byte[] decode(String base64) {
    return base64 == null ? new byte[0] : Base64.getMimeDecoder().decode(base64.trim());
  }

  /** What the organisation hands to ExternalAuthenticate: SHA-256 of the challenge, hex. */
  public String getDigestHex() {
    if (challenge == null) {
      return null;
    }
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(Base64.getDecoder().decode(challenge.challenge())));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public String getChallenge() {
    return challenge == null ? null : challenge.challenge();
  }

  public String getChallengeExpires() {
    return challenge == null ? null : PortalMessages.dateTime(challenge.expiresAt());
  }

  public boolean isChallenged() {
    return challenge != null && registeredName == null;
  }

  public boolean isRegistered() {
    return registeredName != null;
  }

  public String getRegisteredName() {
    return registeredName;
  }

  public String getRegisteredTelematikId() {
    return registeredTelematikId;
  }

  public String getCode() {
    return code;
  }

  public void setCode(String code) {
    this.code = code;
  }

  public String getCertificate() {
    return certificate;
  }

  public void setCertificate(String certificate) {
    this.certificate = certificate;
  }

  public String getCaCertificates() {
    return caCertificates;
  }

  public void setCaCertificates(String caCertificates) {
    this.caCertificates = caCertificates;
  }

  public String getSignature() {
    return signature;
  }

  public void setSignature(String signature) {
    this.signature = signature;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getAdminUsername() {
    return adminUsername;
  }

  public void setAdminUsername(String adminUsername) {
    this.adminUsername = adminUsername;
  }

  public String getAdminPassword() {
    return adminPassword;
  }

  public void setAdminPassword(String adminPassword) {
    this.adminPassword = adminPassword;
  }
}
