/**
 * What a load balancer or an operator asks a node: is its database reachable, which Konnektor
 * backend does it use, which server names does it serve.
 */
package de.timkim.status;
