/**
 * Access-token authentication of Client-Server requests: {@link de.timkim.api.auth.Authenticated}
 * resources get the {@link de.timkim.api.auth.CurrentUser} the token belongs to.
 */
package de.timkim.api.auth;
