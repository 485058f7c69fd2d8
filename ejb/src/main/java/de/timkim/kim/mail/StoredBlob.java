package de.timkim.kim.mail;

/** A message's bytes in the mail store, not yet in any mailbox. */
public record StoredBlob(String key, long size) {}
