/**
 * The portal page that sends a system notice to every user of one of the organisation's services.
 */
package de.timkim.admin.notices;
