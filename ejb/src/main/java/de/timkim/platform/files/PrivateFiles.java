package de.timkim.platform.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and directories only the server's own user may read: message content, media and decrypted
 * mail are patient data (security review, finding 17). Files get mode 0600 and directories 0700
 * where the file system speaks POSIX; elsewhere the platform's defaults apply. The one place the
 * server decides how its data at rest is protected; the start script's {@code umask 077} covers
 * files other libraries create (H2's database files).
 */
public final class PrivateFiles {

  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFiles() {}

  /** Like {@link Files#createDirectories}, each directory it creates 0700. */
  public static Path createDirectories(Path directory) throws IOException {
    Path absolute = directory.toAbsolutePath();
    if (Files.isDirectory(absolute)) {
      return directory;
    }
    Path parent = absolute.getParent();
    if (parent != null) {
      createDirectories(parent);
    }
    try {
      Files.createDirectory(absolute, directoryAttributes(absolute));
    } catch (FileAlreadyExistsException raced) {
      if (!Files.isDirectory(absolute)) {
        throw raced;
      }
    }
    return directory;
  }

  /**
   * Narrows an existing directory to 0700: stores created by earlier versions were 0755, and the
   * directory's mode is what keeps other users out of the files already in it.
   */
  public static void restrict(Path directory) throws IOException {
    if (posix(directory) && Files.isDirectory(directory)) {
      Files.setPosixFilePermissions(directory, DIRECTORY);
    }
  }

  /** A new file (it must not exist) opened for writing, mode 0600. */
  public static FileChannel createForWriting(Path file) throws IOException {
    Set<OpenOption> options =
        Set.of(java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
    return FileChannel.open(file, options, fileAttributes(file));
  }

  /** Writes {@code content} to a new file of mode 0600, replacing none. */
  public static void write(Path file, byte[] content) throws IOException {
    try (FileChannel channel = createForWriting(file)) {
      java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
    }
  }

  /** A temporary file of mode 0600 in the JVM's temporary directory. */
  public static Path createTempFile(String prefix, String suffix) throws IOException {
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    return Files.createTempFile(prefix, suffix, fileAttributes(tmp));
  }

  private static FileAttribute<?>[] fileAttributes(Path near) {
    return posix(near)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)}
        : new FileAttribute<?>[0];
  }

  private static FileAttribute<?>[] directoryAttributes(Path near) {
    return posix(near)
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(DIRECTORY)}
        : new FileAttribute<?>[0];
  }

  private static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
