package de.timkim.kim.pop3;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;

/**
 * A message with every line ending as CRLF: a bare LF or bare CR becomes CRLF. POP3 (RFC 1939 §3)
 * knows lines only by CRLF, and the dot-stuffing of RETR and TOP looks for a dot after CRLF: a
 * stored bare LF followed by ".\r\n" would end the response early and let the rest of the message
 * read as the next POP3 response. The Fachdienst refuses bare line ends at DATA; this covers mail
 * stored before that and messages the client module decrypted, whose content it did not check.
 */
public final class CrlfLineEndings extends InputStream {

  private static final int BLOCK = 64 * 1024;

  private final InputStream message;
  private final byte[] block = new byte[BLOCK];
  private int position;
  private int limit;

  /** The last byte passed on was a CR: an LF must follow, from the message or added. */
  private boolean afterCr;

  /** An LF owed to the reader (after a CR that did not have one). */
  private boolean lfPending;

  private boolean ended;

  public CrlfLineEndings(InputStream message) {
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
      if (lfPending) {
        out[n++] = '\n';
        lfPending = false;
        continue;
      }
      if (position == limit) {
        if (ended) {
          break;
        }
        int read = message.read(block, 0, block.length);
        if (read < 0) {
          ended = true;
          if (afterCr) {
            afterCr = false;
            lfPending = true;
          }
          continue;
        }
        position = 0;
        limit = read;
        continue;
      }
      byte b = block[position++];
      if (afterCr) {
        afterCr = false;
        out[n++] = '\n';
        if (b != '\n') {
          position--; // a bare CR: the LF is added, this byte is looked at again
        }
        continue;
      }
      if (b == '\r') {
        out[n++] = '\r';
        afterCr = true;
      } else if (b == '\n') {
        out[n++] = '\r';
        lfPending = true;
      } else {
        out[n++] = b;
      }
    }
    int produced = n - offset;
    return produced == 0 ? -1 : produced;
  }

  /** Every byte of the message yields at least one (see DotStuffedMessage#available). */
  @Override
  public int available() throws IOException {
    long bytes = (long) (limit - position) + (lfPending ? 1 : 0) + message.available();
    return (int) Math.min(Integer.MAX_VALUE, bytes);
  }

  @Override
  public void close() throws IOException {
    message.close();
  }
}
