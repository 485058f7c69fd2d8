/**
 * The KIM client module: the practice software's local SMTP and POP3 server. Outgoing mail is
 * signed and encrypted through the Konnektor and forwarded to the Fachdienst over SMTPS; incoming
 * mail is fetched over POP3S, decrypted and verified, and handed over as plaintext.
 */
package de.timkim.kim.clientmodule;
