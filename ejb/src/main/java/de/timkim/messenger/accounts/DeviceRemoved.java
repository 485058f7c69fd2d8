package de.timkim.messenger.accounts;

/**
 * Fired inside the transaction that deletes a device (logout, device deletion, deactivation), so
 * features holding per-device data (E2EE keys, pending to-device messages) remove it with it.
 */
public record DeviceRemoved(UserId userId, String deviceId) {}
