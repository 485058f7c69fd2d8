/**
 * KIM accounts of this Fachdienst: one per KIM address, with password, state (active, locked,
 * deregistered), the rules of registration (one-time registration codes the operator issues) and
 * deregistration, and the cluster-wide job that deletes deregistered accounts with their kept mail
 * after the retention period.
 */
package de.timkim.kim.accounts;
