/**
 * KIM (Kommunikation im Medizinwesen): the Fachdienst's accounts, mailboxes and SMTP/POP3
 * listeners, and the client module's S/MIME through the Konnektor.
 */
package de.timkim.kim;
