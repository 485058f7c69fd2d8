/**
 * The registration service over HTTP (/_tim/v1/registration/...): an organisation registers with
 * its order's registration code and its SMC-B, then creates and watches its messenger services.
 */
package de.timkim.api.registration;
