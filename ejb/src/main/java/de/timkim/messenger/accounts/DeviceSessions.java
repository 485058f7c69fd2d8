package de.timkim.messenger.accounts;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A device's session: the device row and its access and refresh tokens, issued at registration,
 * login and refresh and revoked with the device. Always part of the caller's transaction: a session
 * is created or revoked together with the account or token change that asks for it.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.MANDATORY)
public class DeviceSessions {

  static final String ACCESS_PREFIX = "syt_";
  static final String REFRESH_PREFIX = "syr_";

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Inject private Event<DeviceRemoved> deviceRemoved;

  @Inject
  @ConfigProperty(name = "tim.matrix.access-token-lifetime-ms", defaultValue = "900000")
  long refreshableTokenLifetimeMs;

  /** Creates or reuses the device and issues tokens for it. */
  public LoginResult start(
      UserId userId, String deviceId, String displayName, boolean refreshable) {
    String device = deviceId == null || deviceId.isBlank() ? Tokens.newDeviceId() : deviceId;
    Device existing = em.find(Device.class, new Device.Key(userId.toString(), device));
    if (existing == null) {
      em.persist(new Device(userId, device, displayName, clock.millis()));
    } else {
      // logging in again with a known device ID replaces that device's old tokens
      revokeTokens(userId, device);
      if (displayName != null) {
        existing.rename(displayName);
      }
    }
    return issueTokens(userId, device, refreshable);
  }

  public LoginResult issueTokens(UserId userId, String deviceId, boolean refreshable) {
    String access = Tokens.newSecret(ACCESS_PREFIX);
    Long expiresAt = refreshable ? clock.millis() + refreshableTokenLifetimeMs : null;
    em.persist(new AccessToken(Tokens.hash(access), userId, deviceId, clock.millis(), expiresAt));
    String refresh = null;
    if (refreshable) {
      refresh = Tokens.newSecret(REFRESH_PREFIX);
      em.persist(new RefreshToken(Tokens.hash(refresh), userId, deviceId, clock.millis()));
    }
    return new LoginResult(
        userId, deviceId, access, refresh, refreshable ? refreshableTokenLifetimeMs : null);
  }

  /** The device and its tokens go; its keys and to-device messages follow the event. */
  public void remove(UserId userId, String deviceId) {
    revokeTokens(userId, deviceId);
    Device device = em.find(Device.class, new Device.Key(userId.toString(), deviceId));
    if (device != null) {
      em.remove(device);
      deviceRemoved.fire(new DeviceRemoved(userId, deviceId));
    }
  }

  public void revokeTokens(UserId userId, String deviceId) {
    em.createNamedQuery(AccessToken.DELETE_OF_DEVICE)
        .setParameter("userId", userId.toString())
        .setParameter("deviceId", deviceId)
        .executeUpdate();
    em.createNamedQuery(RefreshToken.DELETE_OF_DEVICE)
        .setParameter("userId", userId.toString())
        .setParameter("deviceId", deviceId)
        .executeUpdate();
  }
}
