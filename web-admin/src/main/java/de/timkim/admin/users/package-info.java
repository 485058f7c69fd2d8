/** The users page: users of the organisation's services and their Benutzereinführungscodes. */
package de.timkim.admin.users;
