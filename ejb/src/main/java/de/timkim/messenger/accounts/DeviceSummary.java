package de.timkim.messenger.accounts;

/** What /devices shows of a device: the entity stays inside the service. */
public record DeviceSummary(
    String deviceId, String displayName, Long lastSeenTs, String lastSeenIp) {

  static DeviceSummary of(Device device) {
    return new DeviceSummary(
        device.deviceId(), device.displayName(), device.lastSeenTs(), device.lastSeenIp());
  }
}
