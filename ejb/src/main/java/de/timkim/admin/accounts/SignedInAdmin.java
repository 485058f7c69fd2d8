package de.timkim.admin.accounts;

import java.io.Serializable;

/** What the portal keeps in the (replicated) HTTP session about who is signed in. */
public record SignedInAdmin(long accountId, String username) implements Serializable {}
