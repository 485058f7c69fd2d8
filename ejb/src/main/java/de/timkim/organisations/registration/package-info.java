/**
 * Self-registration of organisations: registration codes the operator issues with orders, the
 * single-use challenge an organisation signs with its SMC-B, and the check of that signature.
 */
package de.timkim.organisations.registration;
