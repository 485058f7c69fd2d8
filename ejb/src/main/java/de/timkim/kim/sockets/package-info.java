/**
 * Where and how the KIM listeners listen: WildFly socket bindings from configure-kim.cli (ports
 * configured and offset like every other port of the server), and the server setup the SMTP, POP3
 * and client-module listeners share (session threads, SubEthaSMTP and James POP3 settings).
 */
package de.timkim.kim.sockets;
