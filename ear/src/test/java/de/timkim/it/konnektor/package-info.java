/**
 * Integration tests of the Konnektor resource adapter in the deployed EAR: card operations through
 * EJB and adapter checked with the OpenSSL command line, error codes, the pool under concurrent
 * callers and failing backends, and the SOAP backend end to end against the software Konnektor's
 * SOAP facade.
 */
package de.timkim.it.konnektor;
