/**
 * The software Konnektor's SOAP facade: the Konnektor services (EventService, CardService,
 * CertificateService, SignatureService, AuthSignatureService, EncryptionService) at
 * /ti-konnektor/*, implemented by delegating to the software Konnektor through the resource
 * adapter. Lets the adapter's SOAP backend, and other client systems, run against the test double;
 * answers only when tim.konnektor.test-tools.enabled is true.
 */
package de.timkim.api.konnektor.soap;
