/** What every portal page shares: messages in the admin's language, date formatting. */
package de.timkim.admin.web;
