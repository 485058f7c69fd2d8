/**
 * The server side of end-to-end encryption over HTTP: key upload, query and claim, cross-signing,
 * to-device messages and key backup, with the spec's errors for bad input.
 */
package de.timkim.it.e2ee;
