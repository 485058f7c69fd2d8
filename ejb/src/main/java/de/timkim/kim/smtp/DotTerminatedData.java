package de.timkim.kim.smtp;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * The DATA section of an SMTP transaction (RFC 5321 §4.5.2) as a stream: dot-unstuffed, ending
 * before the final {@code CRLF.CRLF}, read from the session's input in blocks instead of the
 * library's byte at a time (bench/kim: the per-byte reads through three stream layers were a third
 * of the SMTP session's CPU for a 1.9 MB message).
 *
 * <p>The session input is shared with the command reader, so not one byte past the terminating line
 * may be taken from it: each block is read under a mark of the session's buffered stream, and once
 * the terminator is seen the stream is reset and moved on just past it.
 */
final class DotTerminatedData extends InputStream {

  private static final int BLOCK = 32 * 1024;

  /** Where the scan is relative to the lines of the message. */
  private enum State {
    LINE_START,
    IN_LINE,
    /** After a CR in a line: an LF here ends the line. */
    CR,
    /** A dot at the start of a line, held back: stuffing, or the start of the terminator. */
    DOT,
    /** A line start's dot and CR, held back: an LF here ends the data. */
    DOT_CR
  }

  private final InputStream session;
  private final boolean markable;
  private final byte[] block;
  private int position;
  private int limit;
  private State state = State.LINE_START;

  /** A byte owed to the reader that did not fit into its last read, or -1. */
  private int pending = -1;

  private boolean ended;

  private boolean bareLineEndingSeen;

  /** Whether a bare LF or CR was reported already; the rest is read without complaint. */
  private boolean bareLineEndingReported;

  DotTerminatedData(InputStream session) {
    this.session = session;
    this.markable = session.markSupported();
    this.block = new byte[markable ? BLOCK : 1];
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] out, int offset, int length) throws IOException {
    Objects.checkFromIndexSize(offset, length, out.length);
    if (length == 0) {
      return 0;
    }
    reportBareLineEnding();
    int n = offset;
    int end = offset + length;
    if (pending >= 0) {
      out[n++] = (byte) pending;
      pending = -1;
    }
    while (n < end && !ended) {
      if (position == limit) {
        fill();
      }
      while (position < limit && n < end && !ended) {
        n = step(block[position++], out, n, end);
      }
      if (ended) {
        finish(position);
      }
    }
    int produced = n - offset;
    if (produced == 0 && ended) {
      reportBareLineEnding();
      return -1;
    }
    return produced;
  }

  /** Moves the scan over {@code b}, writing what is content to {@code out} at {@code n}. */
  private int step(byte b, byte[] out, int n, int end) {
    switch (state) {
      case IN_LINE -> {
        if (b == '\n') {
          bareLineEnding();
        }
        out[n++] = b;
        if (b == '\r') {
          state = State.CR;
        }
      }
      case CR -> {
        if (b != '\n') {
          bareLineEnding();
        }
        out[n++] = b;
        state = b == '\n' ? State.LINE_START : b == '\r' ? State.CR : State.IN_LINE;
      }
      case LINE_START -> {
        if (b == '\n') {
          bareLineEnding();
        }
        if (b == '.') {
          state = State.DOT;
        } else {
          out[n++] = b;
          state = b == '\r' ? State.CR : State.IN_LINE;
        }
      }
      case DOT -> {
        if (b == '\n') {
          bareLineEnding();
        }
        if (b == '\r') {
          state = State.DOT_CR;
        } else {
          // a stuffed dot: the client doubled it, or the line has more after it
          out[n++] = b;
          state = State.IN_LINE;
        }
      }
      case DOT_CR -> n = afterDotCr(b, out, n, end);
    }
    return n;
  }

  /** A line start's ".\r" then {@code b}: the terminator if LF, else stuffing and content. */
  private int afterDotCr(byte b, byte[] out, int n, int end) {
    if (b == '\n') {
      ended = true;
      return n;
    }
    bareLineEnding();
    // ".\r" and more on the line: the dot was stuffing, the CR is content
    out[n++] = '\r';
    state = b == '\r' ? State.CR : State.IN_LINE;
    if (n < end) {
      out[n++] = b;
    } else {
      pending = b & 0xff;
    }
    return n;
  }

  /**
   * RFC 5321 §2.3.8: CR and LF appear only together as CRLF; a server MUST NOT take a bare LF as a
   * line end. POP3 hands lines on as they are, so a bare LF followed by a dot would end a later
   * RETR early (the rest reads as the next POP3 response). The message is refused, not repaired:
   * the sender learns of it, and what is signed stays byte for byte what was signed. Reported once,
   * by an exception the caller turns into a reply; reading on (to drain) does not throw again.
   */
  private void bareLineEnding() {
    bareLineEndingSeen = true;
  }

  /**
   * Throws once a bare line end was seen: at the read after the one that found it, so no byte
   * already scanned is lost to a caller that reads on.
   */
  private void reportBareLineEnding() throws BareLineEndingException {
    if (bareLineEndingSeen && !bareLineEndingReported) {
      bareLineEndingReported = true;
      throw new BareLineEndingException();
    }
  }

  /** A bare CR or LF in the DATA section; see {@link DotTerminatedData#bareLineEnding}. */
  static final class BareLineEndingException extends IOException {
    BareLineEndingException() {
      super("Bare CR or LF in the message (RFC 5321 §2.3.8)");
    }
  }

  /** Reads the next block under a mark, so what follows the terminator can be given back. */
  private void fill() throws IOException {
    if (markable) {
      session.mark(BLOCK);
    }
    int n = session.read(block, 0, block.length);
    if (n < 0) {
      throw new EOFException("Connection closed before the end of the DATA section (CRLF.CRLF)");
    }
    position = 0;
    limit = n;
  }

  /** Gives back to the session what followed the terminator in the last block. */
  private void finish(int consumed) throws IOException {
    if (markable && consumed < limit) {
      session.reset();
      session.skipNBytes(consumed);
    }
  }
}
