/**
 * The Matrix protocol error ({@link de.timkim.platform.errors.MatrixException} with its spec {@link
 * de.timkim.platform.errors.ErrorCode}): below every feature, so platform mechanisms such as rate
 * limits raise it without importing the messenger; web-api maps it to the wire in one place.
 */
package de.timkim.platform.errors;
