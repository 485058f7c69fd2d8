/**
 * The TLS server context of the KIM listeners (SMTPS, submission with STARTTLS, POP3S): the key
 * store HTTPS uses, or a self-signed key generated on first start.
 */
package de.timkim.kim.tls;
