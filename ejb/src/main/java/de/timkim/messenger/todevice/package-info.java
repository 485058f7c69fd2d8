/**
 * To-device messages (https://spec.matrix.org/v1.11/client-server-api/#send-to-device-messaging):
 * stored per recipient device until that device's /sync acknowledges them.
 */
package de.timkim.messenger.todevice;
