/**
 * What a Konnektor backend implements (the software Konnektor, the SOAP one): below the adapter
 * that chooses one and below the backends themselves, so neither depends on the other.
 */
package de.timkim.connector.backend;
