package de.timkim.kim.pop3;

import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mailbox.MailboxEntry;
import de.timkim.kim.mailbox.MailboxService;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;

/**
 * A KIM mailbox as James' POP3 handlers see it, held under the session's maildrop lock. Deletions
 * arrive only at QUIT in the UPDATE state (RFC 1939 §6), so DELE followed by a dropped connection
 * deletes nothing, and they are applied only while the session still holds the lock.
 */
final class KimPop3Mailbox implements Mailbox {

  private final KimAddress owner;
  private final MailboxService mailboxes;
  private final MaildropLease lease;

  KimPop3Mailbox(KimAddress owner, MailboxService mailboxes, MaildropLease lease) {
    this.owner = owner;
    this.mailboxes = mailboxes;
    this.lease = lease;
  }

  MaildropLease lease() {
    return lease;
  }

  /**
   * Buffered because James' RETR/TOP dot-stuffing stream reads one byte at a time: on the
   * unbuffered file channel that was one system call per byte (bench/kim: 0.1 messages/s for 1.9 MB
   * mail).
   */
  @Override
  public InputStream getMessage(String uid) throws IOException {
    // CRLF only, so RETR's and TOP's dot-stuffing sees every line start (mail stored before the
    // Fachdienst refused bare LF at DATA)
    return new CrlfLineEndings(new BufferedInputStream(mailboxes.open(owner, uid), 64 * 1024));
  }

  @Override
  public List<MessageMetaData> getMessages() {
    return mailboxes.list(owner).stream()
        .map(MailboxEntry.class::cast)
        .map(m -> new MessageMetaData(m.uid(), m.size()))
        .toList();
  }

  @Override
  public void remove(String... uids) throws IOException {
    if (!lease.removeAsHolder(uids)) {
      throw new IOException("The maildrop lock of " + owner + " was taken over; nothing deleted");
    }
  }

  @Override
  public String getIdentifier() {
    return owner.toString();
  }

  @Override
  public void close() {
    lease.release();
  }
}
