/**
 * Push rules (https://spec.matrix.org/v1.11/client-server-api/#push-rules): the spec's defaults and
 * each user's own rules, their evaluation on every stored event, and the notifications it records.
 */
package de.timkim.messenger.push;
