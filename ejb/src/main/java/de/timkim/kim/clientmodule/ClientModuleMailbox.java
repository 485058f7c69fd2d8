package de.timkim.kim.clientmodule;

import de.timkim.kim.clientmodule.smime.OpenedMessage;
import de.timkim.kim.clientmodule.smime.SmimeService;
import de.timkim.kim.pop3.CrlfLineEndings;
import de.timkim.platform.files.PrivateFiles;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.james.protocols.pop3.mailbox.Mailbox;
import org.apache.james.protocols.pop3.mailbox.MessageMetaData;
import org.eclipse.angus.mail.pop3.POP3Folder;

/**
 * The practice software's view of its Fachdienst mailbox: at login every message is fetched over
 * POP3S, opened (decrypted, signature checked) and spooled to a session directory, so LIST reports
 * the exact size RETR will deliver. UIDs are the Fachdienst's, so "leave on server" keeps working.
 * DELE reaches the Fachdienst at QUIT, as POP3 wants it.
 */
final class ClientModuleMailbox implements Mailbox {

  private final Store store;
  private final Folder folder;
  private final Path spool;
  private final List<MessageMetaData> metaData = new ArrayList<>();
  private final Map<String, Message> byUid = new HashMap<>();
  private final Map<String, Path> files = new HashMap<>();

  ClientModuleMailbox(
      ClientModuleLogin login,
      String password,
      FachdienstClient fachdienst,
      SmimeService smime,
      Path spoolRoot)
      throws MessagingException, IOException {
    this.store = fachdienst.openStore(login, password);
    this.spool = spoolRoot.resolve(UUID.randomUUID().toString());
    Folder inbox = null;
    try {
      PrivateFiles.createDirectories(spool);
      inbox = FachdienstClient.inbox(store);
      POP3Folder pop3 = (POP3Folder) inbox;
      int n = 0;
      for (Message message : inbox.getMessages()) {
        ByteArrayOutputStream raw = new ByteArrayOutputStream(Math.max(1024, message.getSize()));
        message.writeTo(raw);
        String uid = uid(pop3.getUID(message), raw.toByteArray(), n);
        OpenedMessage opened = smime.open(login.context(), login.address(), raw.toByteArray());
        Path file = spool.resolve(String.valueOf(++n));
        // the decrypted content is whatever the sender signed: CRLF only before it goes out over
        // POP3, so a bare LF and a dot cannot end RETR early; LIST then says the size RETR sends.
        // Decrypted mail is readable by the server's user only (security finding 17).
        long size;
        try (InputStream in = new CrlfLineEndings(new ByteArrayInputStream(opened.content()));
            OutputStream out = Channels.newOutputStream(PrivateFiles.createForWriting(file))) {
          size = in.transferTo(out);
        }
        metaData.add(new MessageMetaData(uid, size));
        byUid.put(uid, message);
        files.put(uid, file);
      }
      this.folder = inbox;
    } catch (MessagingException | IOException | RuntimeException e) {
      deleteSpool();
      store.close();
      throw e;
    }
  }

  /**
   * The Fachdienst's UIDL when it gave a usable one (RFC 1939 §7: 1 to 70 printable characters),
   * otherwise one derived from the content and position, stable as long as the mailbox is.
   */
  private static String uid(String upstream, byte[] raw, int position) {
    if (upstream != null && upstream.matches("[\\x21-\\x7e]{1,70}")) {
      return upstream;
    }
    try {
      return HexFormat.of()
              .formatHex(MessageDigest.getInstance("SHA-256").digest(raw))
              .substring(0, 60)
          + "-"
          + position;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public InputStream getMessage(String uid) throws IOException {
    Path file = files.get(uid);
    if (file == null) {
      throw new java.nio.file.NoSuchFileException(uid);
    }
    // James' RETR/TOP stream reads one byte at a time: buffer, or it is a system call per byte
    return new BufferedInputStream(Files.newInputStream(file), 64 * 1024);
  }

  @Override
  public List<MessageMetaData> getMessages() {
    return metaData;
  }

  @Override
  public void remove(String... uids) throws IOException {
    try {
      for (String uid : uids) {
        Message message = byUid.get(uid);
        if (message != null) {
          message.setFlag(Flags.Flag.DELETED, true);
        }
      }
      // closing with expunge sends QUIT upstream: only now does the Fachdienst delete
      folder.close(true);
    } catch (MessagingException e) {
      throw new IOException("Fachdienst did not accept the deletion", e);
    }
  }

  @Override
  public String getIdentifier() {
    return spool.getFileName().toString();
  }

  @Override
  public void close() {
    try {
      if (folder.isOpen()) {
        folder.close(false);
      }
      store.close();
    } catch (MessagingException e) {
      // the upstream session ends with the connection anyway
    } finally {
      deleteSpool();
    }
  }

  private void deleteSpool() {
    if (!Files.exists(spool)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(spool)) {
      paths.sorted(Comparator.reverseOrder()).forEach(ClientModuleMailbox::deleteQuietly);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      // a left-over spool file is removed with the next cleanup of the spool directory
    }
  }
}
