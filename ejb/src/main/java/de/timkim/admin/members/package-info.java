/**
 * The members of an organisation as its admins manage them: users of the organisation's messenger
 * services, their Benutzereinführungscodes and logged-in devices, always limited to the admin's
 * organisation.
 */
package de.timkim.admin.members;
