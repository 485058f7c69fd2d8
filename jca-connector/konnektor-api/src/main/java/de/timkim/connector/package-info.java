/**
 * What the EJBs see of the TI Konnektor: a connection factory in JNDI and connections that expose
 * the Konnektor's operations. The resource adapter (.rar) implements it; nothing here knows a
 * backend.
 */
package de.timkim.connector;
