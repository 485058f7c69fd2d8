/**
 * Signing in to and out of the Org-Admin portal, and the filter that keeps every other page behind
 * a sign-in. Who is signed in lives in the replicated HTTP session.
 */
package de.timkim.admin.login;
