/**
 * What organisation admins and the operator may do, and why a request of theirs is refused. Every
 * service here takes the signed-in admin and checks that the target belongs to their organisation.
 */
package de.timkim.admin;
