/**
 * The Konnektor's SOAP interface as TIM-KIM uses it: service interfaces and JAXB types written
 * after gematik's api-telematik WSDLs (same namespaces, element names and SOAP actions), limited to
 * the operations the adapter implements, plus the TelematikError fault.
 */
package de.timkim.connector.soap.wire;
