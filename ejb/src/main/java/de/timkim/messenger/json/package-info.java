/**
 * Matrix canonical JSON (https://spec.matrix.org/v1.11/appendices/#canonical-json): the byte form
 * that event hashes and server signatures are computed over.
 */
package de.timkim.messenger.json;
