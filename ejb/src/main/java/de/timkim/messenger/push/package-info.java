/**
 * Push rules (https://spec.matrix.org/v1.11/client-server-api/#push-rules). For now the spec's
 * server-default rules for each user; per-user rules, muting rooms and counts follow.
 */
package de.timkim.messenger.push;
