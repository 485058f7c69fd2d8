package de.timkim.kim.accounts;

/** What the operator hands to the institution; the initial password is not stored in clear. */
public record IssuedRegistrationCode(
    String referenceId, String initialPassword, String address, long expiresAt) {}
