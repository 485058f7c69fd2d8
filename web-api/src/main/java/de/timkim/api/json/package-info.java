/** Reading request bodies: JSON parsing and typed field access that fail with the spec's errors. */
package de.timkim.api.json;
