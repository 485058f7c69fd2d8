/**
 * /_tim/v1/konnektor/...: the Konnektor test tools over HTTP (issue test cards, card operations),
 * off unless tim.konnektor.test-tools.enabled is true.
 */
package de.timkim.api.konnektor.tools;
