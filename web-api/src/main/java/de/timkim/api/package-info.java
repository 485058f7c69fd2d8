/**
 * The HTTP edge of the TI-Messenger homeserver. Resources are thin: parse, call one EJB service,
 * map the result; every failure leaves through {@link de.timkim.api.errors.MatrixErrorMapper}.
 *
 * <p>Every Client-Server resource class has {@code @Path("_matrix/client")} and puts the version in
 * its method paths ({@code v3/login}): JAX-RS picks one class path per request and does not fall
 * back to another, so two classes with overlapping prefixes would hide each other's endpoints.
 */
package de.timkim.api;
