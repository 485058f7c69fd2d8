/**
 * The one clock services read time from, so tests can move it (retention, expiry) without sleeping.
 */
package de.timkim.platform.time;
