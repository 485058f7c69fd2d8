/**
 * Content reports: users report events or rooms; the admins of the reporter's organisation see and
 * handle them (dismiss, or act on the event or the user through the room and account services).
 */
package de.timkim.messenger.reports;
