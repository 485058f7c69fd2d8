package de.timkim.admin.accounts;

import java.io.Serializable;

/**
 * An admin whose password was right and who still owes the second factor: a one-time code, or, if
 * they have none yet ({@code enrolled} false), the enrolment of an authenticator app.
 */
public record PasswordChecked(long accountId, String username, boolean enrolled)
    implements Serializable {}
