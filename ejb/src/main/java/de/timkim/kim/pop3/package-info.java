/**
 * The Fachdienst's POP3S listener (implicit TLS, 995): Apache James' POP3 command handlers on Netty
 * over the KIM mailboxes, with USER/PASS against KIM accounts and a cluster-wide maildrop lock.
 */
package de.timkim.kim.pop3;
