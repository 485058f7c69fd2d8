/**
 * The HTTP edge of the TI-Messenger homeserver. Resources are thin: parse, call one EJB service,
 * map the result; every failure leaves through {@link de.timkim.api.errors.MatrixErrorMapper}.
 */
package de.timkim.api;
