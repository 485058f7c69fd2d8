/** Cluster-wide leases for scheduled jobs that must run on one node at a time. */
package de.timkim.platform.jobs;
