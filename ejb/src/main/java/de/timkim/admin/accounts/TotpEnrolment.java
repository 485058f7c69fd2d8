package de.timkim.admin.accounts;

import java.io.Serializable;

/** What an admin types or scans into their authenticator app. */
public record TotpEnrolment(String secret, String uri) implements Serializable {}
