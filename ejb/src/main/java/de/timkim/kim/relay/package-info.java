/**
 * Relay to other KIM Fachdienste: the domain-to-host routes ({@code kim.relay.routes}), the durable
 * outbound queue, the cluster-wide job that sends it over mutually authenticated TLS, and bounces.
 */
package de.timkim.kim.relay;
