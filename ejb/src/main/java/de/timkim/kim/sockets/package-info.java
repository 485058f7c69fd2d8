/**
 * Where the KIM listeners listen: WildFly socket bindings from configure-kim.cli, so their ports
 * are configured and offset like every other port of the server.
 */
package de.timkim.kim.sockets;
