package de.timkim.messenger.media;

/** Bytes that arrived completely and sit in the media store under {@code key}. */
public record StoredUpload(String key, long length, String sha256) {}
