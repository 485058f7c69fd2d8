/**
 * The software Konnektor: the embedded default backend, which answers Konnektor operations itself
 * instead of calling a hardware Konnektor in the TI.
 */
package de.timkim.connector.soft;
