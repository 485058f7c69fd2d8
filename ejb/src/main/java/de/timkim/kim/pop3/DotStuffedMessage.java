package de.timkim.kim.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A message as a POP3 multi-line response carries it (RFC 1939 §3): a dot at the start of a line is
 * doubled and the message ends with CRLF; {@code POP3StreamResponse} adds the terminating {@code
 * .CRLF}. Works on blocks, where James' RETR streams do it a byte at a time through three layers
 * (bench/kim: that was a third of the POP3 server's CPU for a 1.9 MB message).
 */
final class DotStuffedMessage extends InputStream {

  private static final int BLOCK = 64 * 1024;
  private static final byte[] NONE = {};
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] LF = {'\n'};

  private final InputStream message;
  private final byte[] block = new byte[BLOCK];
  private int position;
  private int limit;
  private boolean atLineStart = true;

  /** The last two bytes of the message so far, for whether it already ends with CRLF. */
  private int previous = -1;

  private int last = -1;

  /** A stuffed dot owed to the reader that did not fit into its last read. */
  private boolean dotPending;

  /** Once the message is read: the CRLF it still needs, if any. */
  private byte[] ending;

  private int endingPosition;

  DotStuffedMessage(InputStream message) {
    this.message = message;
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
    int n = offset;
    int end = offset + length;
    while (n < end) {
      if (ending != null) {
        int count = Math.min(end - n, ending.length - endingPosition);
        if (count == 0) {
          break;
        }
        System.arraycopy(ending, endingPosition, out, n, count);
        endingPosition += count;
        n += count;
        continue;
      }
      if (dotPending) {
        out[n++] = '.';
        dotPending = false;
        continue;
      }
      if (position == limit) {
        int read = message.read(block, 0, block.length);
        if (read < 0) {
          ending = endingAfter(previous, last);
        } else {
          position = 0;
          limit = read;
        }
        continue;
      }
      n = stuffBlock(out, n, end);
    }
    int produced = n - offset;
    return produced == 0 ? -1 : produced;
  }

  /** Copies what is left of the block to {@code out} at {@code n}, doubling line-start dots. */
  private int stuffBlock(byte[] out, int n, int end) {
    byte[] in = block;
    int i = position;
    int stop = Math.min(limit, i + (end - n));
    boolean lineStart = atLineStart;
    int p = previous;
    int l = last;
    while (i < stop) {
      byte b = in[i++];
      if (lineStart && b == '.') {
        // the dot goes out twice: once now, once more (possibly in the next read)
        out[n++] = '.';
        if (n < end) {
          out[n++] = '.';
        } else {
          dotPending = true;
        }
        stop = Math.min(limit, i + (end - n));
      } else {
        out[n++] = b;
      }
      lineStart = b == '\n' && l == '\r';
      p = l;
      l = b;
    }
    position = i;
    atLineStart = lineStart;
    previous = p;
    last = l;
    return n;
  }

  /**
   * What can be read without blocking: every byte of the message yields at least one. Netty's
   * ChunkedStream sizes its chunks (and so the TLS records) by this: the default 0 made it send one
   * byte per record once it had peeked a byte.
   */
  @Override
  public int available() throws IOException {
    if (ending != null) {
      return ending.length - endingPosition;
    }
    long bytes = (long) (limit - position) + (dotPending ? 1 : 0) + message.available();
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  private static byte[] endingAfter(int previous, int last) {
    if (previous == '\r' && last == '\n') {
      return NONE;
    }
    // a lone CR at the end becomes the line's CRLF, as James' CRLFTerminatedInputStream does
    return last == '\r' ? LF : CRLF;
  }

  @Override
  public void close() throws IOException {
    message.close();
  }
}
