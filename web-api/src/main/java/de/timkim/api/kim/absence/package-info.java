/** Operations API for KIM absence notes: set, read and clear an account's auto-reply. */
package de.timkim.api.kim.absence;
