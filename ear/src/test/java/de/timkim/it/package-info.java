/**
 * Integration tests: the real tim-kim.ear deployed by Arquillian into the provisioned WildFly (once
 * on H2, once on PostgreSQL), called over HTTP like a client would.
 */
package de.timkim.it;
