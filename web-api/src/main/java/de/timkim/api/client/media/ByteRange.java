package de.timkim.api.client.media;

/**
 * One HTTP byte range (RFC 9110 section 14) of a representation of known length, inclusive at both
 * ends. Only single ranges are honoured; anything else (several ranges, other units, garbage) is
 * ignored and the whole content is served, which RFC 9110 permits.
 */
record ByteRange(long first, long last) {

  /** The header asked for bytes that do not exist: answer 416. */
  static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

  boolean satisfiable() {
    return first >= 0;
  }

  long length() {
    return last - first + 1;
  }

  /** The range a Range header asks for, {@link #UNSATISFIABLE}, or null for everything. */
  static ByteRange parse(String header, long length) {
    if (header == null) {
      return null;
    }
    String value = header.trim();
    if (!value.regionMatches(true, 0, "bytes=", 0, 6) || value.indexOf(',') >= 0) {
      return null;
    }
    String spec = value.substring(6).trim();
    int dash = spec.indexOf('-');
    if (dash < 0) {
      return null;
    }
    try {
      String from = spec.substring(0, dash).trim();
      String to = spec.substring(dash + 1).trim();
      if (from.isEmpty()) {
        // suffix: the last n bytes
        long suffix = Long.parseLong(to);
        if (suffix <= 0 || length == 0) {
          return UNSATISFIABLE;
        }
        return new ByteRange(Math.max(0, length - suffix), length - 1);
      }
      long first = Long.parseLong(from);
      long last = to.isEmpty() ? length - 1 : Long.parseLong(to);
      if (first < 0) {
        return null;
      }
      if (first >= length) {
        return UNSATISFIABLE;
      }
      if (last < first) {
        return null;
      }
      return new ByteRange(first, Math.min(last, length - 1));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
