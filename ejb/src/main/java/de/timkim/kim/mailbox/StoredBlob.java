package de.timkim.kim.mailbox;

/** A message's bytes in the mail store, not yet in any mailbox. */
public record StoredBlob(String key, long size) {}
