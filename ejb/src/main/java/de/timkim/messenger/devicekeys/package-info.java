/**
 * End-to-end encryption keys of devices: identity, one-time and fallback keys, cross-signing keys
 * and signatures, and the device-list changes /sync and /keys/changes report.
 */
package de.timkim.messenger.devicekeys;
