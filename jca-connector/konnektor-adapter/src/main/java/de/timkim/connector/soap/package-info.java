/**
 * The SOAP backend: talks to a real Konnektor (or anything speaking its services, such as the
 * software Konnektor's SOAP facade) through the service interfaces of {@code
 * de.timkim.connector.soap.wire}, mapping faults back to gematik error codes.
 */
package de.timkim.connector.soap;
