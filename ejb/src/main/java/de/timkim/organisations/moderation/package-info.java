/**
 * What an organisation's admin does with reports of its users: dismiss them, delete the reported
 * event, deactivate its sender. Only reports of the admin's own messenger services.
 */
package de.timkim.organisations.moderation;
