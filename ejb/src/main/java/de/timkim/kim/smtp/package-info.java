/**
 * The Fachdienst's SMTP listeners (SubEthaSMTP): implicit TLS on 465 and submission with STARTTLS,
 * AUTH PLAIN/LOGIN against KIM accounts, recipient and size rules, acceptance into mailboxes.
 */
package de.timkim.kim.smtp;
