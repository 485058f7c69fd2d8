package de.timkim.kim.mailbox;

import de.timkim.kim.mail.KimAddress;
import de.timkim.kim.mail.StoredBlob;
import de.timkim.platform.blobs.BlobStore;
import de.timkim.platform.blobs.FileSystemBlobStore;
import de.timkim.platform.transactions.AfterTransaction;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stores accepted messages and hands them out again. Acceptance is two steps so the protocol layer
 * can answer 250 only after both: {@link #store} streams the bytes to the mail store (fsynced, no
 * transaction held meanwhile), {@link #deliver} commits the mailbox rows.
 */
@Stateless
public class MailboxService {

  private static final Logger LOG = Logger.getLogger(MailboxService.class.getName());

  @PersistenceContext private EntityManager em;

  @Inject private Clock clock;

  @Resource private TransactionSynchronizationRegistry transactions;

  @Inject
  @ConfigProperty(name = "kim.mail.store-path")
  Optional<String> configuredRoot;

  private BlobStore store;

  @PostConstruct
  void init() {
    Path root =
        configuredRoot
            .filter(s -> !s.isBlank())
            .map(Path::of)
            .orElseGet(
                () -> Path.of(System.getProperty("jboss.server.data.dir", "."), "tim", "kim-mail"));
    store = FileSystemBlobStore.open(root, "Mail store");
  }

  /**
   * Streams {@code traceHeader} followed by {@code content} into the mail store. Only {@code
   * content} counts against {@code maxBytes}: the limit is what the sender may send.
   *
   * @throws MessageTooLargeException past {@code maxBytes}; nothing is kept, and the rest of {@code
   *     content} is left unread for the caller to drain
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public StoredBlob store(byte[] traceHeader, InputStream content, long maxBytes)
      throws IOException {
    String key = "kim/" + UUID.randomUUID().toString().replace("-", "");
    SizeLimitedInputStream limited = new SizeLimitedInputStream(content, maxBytes);
    store.write(key, new SequenceInputStream(new ByteArrayInputStream(traceHeader), limited));
    return new StoredBlob(key, traceHeader.length + limited.count());
  }

  /**
   * A second copy of a stored message, for a holder with its own lifetime (the relay queue keeps
   * its copy while recipients here may delete theirs).
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public StoredBlob duplicate(StoredBlob blob) throws IOException {
    try (InputStream in = store.read(blob.key(), 0)) {
      return store(new byte[0], in, Long.MAX_VALUE);
    }
  }

  /** A stored message's bytes, whether or not it is in a mailbox; the caller closes the stream. */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public InputStream read(StoredBlob blob) throws IOException {
    return store.read(blob.key(), 0);
  }

  /** Removes a stored message that will not be delivered (its transaction failed). */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public void discard(StoredBlob blob) {
    deleteQuietly(blob.key());
  }

  /** Puts the stored message into every recipient's mailbox, all or none. */
  public List<MailboxEntry> deliver(
      KimAddress sender, List<KimAddress> recipients, StoredBlob blob) {
    long now = clock.millis();
    List<MailboxEntry> entries = new ArrayList<>();
    for (KimAddress recipient : new LinkedHashSet<>(recipients)) {
      MailboxEntry entry =
          new MailboxEntry(
              UUID.randomUUID().toString().replace("-", ""),
              recipient.toString(),
              sender == null ? "" : sender.toString(),
              blob,
              now);
      em.persist(entry);
      entries.add(entry);
    }
    return entries;
  }

  /**
   * Stores a message the Fachdienst wrote itself (a delivery report, an absence note) and puts it
   * into {@code recipient}'s mailbox from the null sender. If the transaction rolls back, the blob
   * goes again.
   */
  public MailboxEntry deliverGenerated(KimAddress recipient, byte[] message) {
    StoredBlob blob;
    try {
      blob = store(new byte[0], new ByteArrayInputStream(message), message.length);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("Could not store a generated message", e);
    }
    AfterTransaction.onRollback(transactions, () -> deleteQuietly(blob.key()));
    return deliver(null, List.of(recipient), blob).get(0);
  }

  /**
   * The header block of a stored message (up to and including the empty line, at most {@code
   * maxBytes}): what reports and absence notes quote, never the body.
   */
  @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
  public byte[] headersOf(StoredBlob blob, int maxBytes) throws IOException {
    try (InputStream in = new java.io.BufferedInputStream(store.read(blob.key(), 0))) {
      java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
      int previous = -1;
      int lineLength = 0;
      int b;
      while (out.size() < maxBytes && (b = in.read()) != -1) {
        out.write(b);
        if (b == '\n') {
          if (lineLength == 0 || (lineLength == 1 && previous == '\r')) {
            break;
          }
          lineLength = 0;
        } else {
          lineLength++;
        }
        previous = b;
      }
      return out.toByteArray();
    }
  }

  /** The mailbox's messages, oldest first. */
  public List<MailboxEntry> list(KimAddress owner) {
    return em.createNamedQuery("MailboxEntry.ofRecipient", MailboxEntry.class)
        .setParameter("recipient", owner.toString())
        .getResultList();
  }

  /** The message's bytes exactly as accepted; the caller closes the stream. */
  @TransactionAttribute(TransactionAttributeType.SUPPORTS)
  public InputStream open(KimAddress owner, String uid) throws IOException {
    MailboxEntry entry = em.find(MailboxEntry.class, uid);
    if (entry == null || !entry.recipient().equals(owner.toString())) {
      throw new java.nio.file.NoSuchFileException(uid);
    }
    return store.read(entry.blobKey(), 0);
  }

  /**
   * Removes messages from the owner's mailbox; a blob no mailbox refers to any more is deleted once
   * the transaction has committed (never before, or a rollback would leave rows without bytes).
   */
  public int remove(KimAddress owner, Collection<String> uids) {
    Set<String> blobKeys = new LinkedHashSet<>();
    int removed = 0;
    for (String uid : uids) {
      MailboxEntry entry = em.find(MailboxEntry.class, uid);
      if (entry != null && entry.recipient().equals(owner.toString())) {
        blobKeys.add(entry.blobKey());
        em.remove(entry);
        removed++;
      }
    }
    em.flush();
    List<String> orphaned = new ArrayList<>();
    for (String key : blobKeys) {
      long left =
          em.createNamedQuery("MailboxEntry.countBlob", Long.class)
              .setParameter("blobKey", key)
              .getSingleResult();
      if (left == 0) {
        orphaned.add(key);
      }
    }
    if (!orphaned.isEmpty()) {
      AfterTransaction.onCommit(transactions, () -> orphaned.forEach(this::deleteQuietly));
    }
    return removed;
  }

  /** Empties the owner's mailbox (the account is being deleted); blobs go after the commit. */
  public int removeAll(KimAddress owner) {
    return remove(owner, list(owner).stream().map(MailboxEntry::uid).toList());
  }

  private void deleteQuietly(String key) {
    try {
      store.delete(key);
    } catch (IOException e) {
      LOG.log(Level.WARNING, "Could not delete mail blob " + key, e);
    }
  }
}
