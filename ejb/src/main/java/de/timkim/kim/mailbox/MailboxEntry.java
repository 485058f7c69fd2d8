package de.timkim.kim.mailbox;

import de.timkim.kim.mail.StoredBlob;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

/** One message in one recipient's mailbox. */
@Entity
@Table(name = "kim_message")
@NamedQuery(
    name = "MailboxEntry.ofRecipient",
    query =
        "SELECT m FROM MailboxEntry m WHERE m.recipient = :recipient ORDER BY m.receivedAt, m.uid")
@NamedQuery(
    name = "MailboxEntry.countBlob",
    query = "SELECT COUNT(m) FROM MailboxEntry m WHERE m.blobKey = :blobKey")
public class MailboxEntry {

  /** POP3 UIDL: unique and never reused (RFC 1939 §7). */
  @Id
  @Column(name = "uid")
  private String uid;

  @Column(name = "recipient", nullable = false)
  private String recipient;

  @Column(name = "sender", nullable = false)
  private String sender;

  @Column(name = "blob_key", nullable = false)
  private String blobKey;

  @Column(name = "size_bytes", nullable = false)
  private long size;

  @Column(name = "received_at", nullable = false)
  private long receivedAt;

  protected MailboxEntry() {}

  MailboxEntry(String uid, String recipient, String sender, StoredBlob blob, long receivedAt) {
    this.uid = uid;
    this.recipient = recipient;
    this.sender = sender;
    this.blobKey = blob.key();
    this.size = blob.size();
    this.receivedAt = receivedAt;
  }

  public String uid() {
    return uid;
  }

  public String recipient() {
    return recipient;
  }

  public String sender() {
    return sender;
  }

  public long size() {
    return size;
  }

  public long receivedAt() {
    return receivedAt;
  }

  String blobKey() {
    return blobKey;
  }
}
