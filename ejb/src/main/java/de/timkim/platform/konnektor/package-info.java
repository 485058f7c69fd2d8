/**
 * Operator tools for the Konnektor in test environments: issue software test cards and run card
 * operations (sign, verify, encrypt, decrypt, PIN) through the resource adapter, against the
 * configured Konnektor or one named by URL. Off unless tim.konnektor.test-tools.enabled is true.
 */
package de.timkim.platform.konnektor;
