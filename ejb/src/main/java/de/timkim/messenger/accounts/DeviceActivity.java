package de.timkim.messenger.accounts;

import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * Records when and from where a device was last seen, in a transaction of its own: the access-token
 * check that notices it runs without one, and needs one only for this write, once a minute per
 * device.
 */
@Stateless
public class DeviceActivity {

  @PersistenceContext private EntityManager em;

  public void seen(String userId, String deviceId, long at, String ip) {
    Device device = em.find(Device.class, new Device.Key(userId, deviceId));
    if (device != null) {
      device.seen(at, ip);
    }
  }
}
