package de.timkim.platform.blobs;

import de.timkim.platform.files.PrivateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * Blobs on a file system: {@code <root>/<dirs>/<ab>/<cd>/<name>} for key {@code <dirs>/<name>},
 * sharded by the first four characters of the name so no directory grows huge. Writes go to {@code
 * <root>/tmp} first and are renamed into place, which is atomic on a local file system and on NFS,
 * so a half-written file is never visible under its key.
 */
public class FileSystemBlobStore implements BlobStore {

  private static final Logger LOG = Logger.getLogger(FileSystemBlobStore.class.getName());
  private static final Pattern KEY =
      Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*");

  private static final int WRITE_BLOCK = 128 * 1024;

  private final Path root;

  /** A store under {@code root}, which is created if missing and readable by this user only. */
  public FileSystemBlobStore(Path root) {
    this.root = root;
  }

  /**
   * A store under {@code root} for the server's use: the directory and its {@code tmp/} created and
   * restricted to the server's user, and where it is logged once ({@code what}: "Media store").
   */
  public static FileSystemBlobStore open(Path root, String what) {
    try {
      PrivateFiles.createDirectories(root.resolve("tmp"));
      PrivateFiles.restrict(root);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create " + what + " " + root, e);
    }
    LOG.info(() -> what + " at " + root.toAbsolutePath());
    return new FileSystemBlobStore(root);
  }

  Path path(String key) {
    if (key == null || key.length() > 512 || !KEY.matcher(key).matches()) {
      throw new IllegalArgumentException("Invalid media store key");
    }
    int slash = key.lastIndexOf('/');
    String name = key.substring(slash + 1);
    Path dir = slash < 0 ? root : root.resolve(key.substring(0, slash));
    if (name.length() >= 4) {
      dir = dir.resolve(name.substring(0, 2)).resolve(name.substring(2, 4));
    }
    return dir.resolve(name);
  }

  @Override
  public void write(String key, InputStream content) throws IOException {
    Path target = path(key);
    Path tmp = root.resolve("tmp").resolve(UUID.randomUUID().toString());
    PrivateFiles.createDirectories(tmp.getParent());
    try {
      // media and KIM bodies are patient data: 0600 files in 0700 directories (finding 17)
      try (FileChannel channel = PrivateFiles.createForWriting(tmp)) {
        copy(content, channel);
        // the database will point at this file once we return: it must survive a crash
        channel.force(true);
      }
      PrivateFiles.createDirectories(target.getParent());
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * In blocks of {@link #WRITE_BLOCK}, filled as far as the source allows before each write: {@code
   * transferTo}'s 8 KiB meant 240 write calls for a 1.9 MB KIM message.
   */
  private static void copy(InputStream content, FileChannel channel) throws IOException {
    byte[] block = new byte[WRITE_BLOCK];
    ByteBuffer buffer = ByteBuffer.wrap(block);
    int filled;
    do {
      filled = content.readNBytes(block, 0, block.length);
      buffer.clear().limit(filled);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    } while (filled == block.length);
  }

  @Override
  public InputStream read(String key, long offset) throws IOException {
    FileChannel channel = FileChannel.open(path(key), StandardOpenOption.READ);
    try {
      channel.position(offset);
      return Channels.newInputStream(channel);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public OptionalLong size(String key) throws IOException {
    try {
      return OptionalLong.of(Files.size(path(key)));
    } catch (NoSuchFileException e) {
      return OptionalLong.empty();
    }
  }

  @Override
  public void delete(String key) throws IOException {
    Files.deleteIfExists(path(key));
  }

  @Override
  public int purgeAbandoned(Duration age) throws IOException {
    Instant before = Instant.now().minus(age);
    int purged = 0;
    try (DirectoryStream<Path> tmp = Files.newDirectoryStream(root.resolve("tmp"))) {
      for (Path file : tmp) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(before)
            && Files.deleteIfExists(file)) {
          purged++;
        }
      }
    }
    return purged;
  }
}
