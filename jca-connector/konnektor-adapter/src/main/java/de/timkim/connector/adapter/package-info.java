/**
 * The JCA 1.7 outbound resource adapter: managed connections, their pool-facing factory and the
 * handles given to EJBs. Which Konnektor backend a managed connection talks to is configuration.
 */
package de.timkim.connector.adapter;
