/** The portal page of the organisation's directory (VZD) entries and published users. */
package de.timkim.admin.directory;
