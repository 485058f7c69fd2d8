/** The portal page of content reports: who reported what, and dismissing or acting on them. */
package de.timkim.admin.reports;
