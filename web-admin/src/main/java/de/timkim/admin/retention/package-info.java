/** The portal page of each messenger service's retention setting (off, 3, 6, 9, 12 months). */
package de.timkim.admin.retention;
