/**
 * KIM integration tests: the Fachdienst's SMTP and POP3 listeners driven by real mail clients
 * (Python's smtplib and poplib) against the deployed EAR.
 */
package de.timkim.it.kim;
