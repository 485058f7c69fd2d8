/** The portal page of the organisation's KIM addresses and their registration state. */
package de.timkim.admin.kim;
