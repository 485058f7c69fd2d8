package de.timkim.platform.blobs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemBlobStoreTest {

  @TempDir Path root;

  private FileSystemBlobStore store() throws IOException {
    Files.createDirectories(root.resolve("tmp"));
    return new FileSystemBlobStore(root);
  }

  @Test
  void writtenBlobIsReadBackFromAnOffsetAndShardedByItsName() throws IOException {
    FileSystemBlobStore store = store();
    store.write("content/abcdefgh.x", new ByteArrayInputStream("0123456789".getBytes()));
    assertEquals(10, store.size("content/abcdefgh.x").getAsLong());
    try (InputStream in = store.read("content/abcdefgh.x", 4)) {
      assertArrayEquals("456789".getBytes(), in.readAllBytes());
    }
    assertEquals(root.resolve("content/ab/cd/abcdefgh.x"), store.path("content/abcdefgh.x"));
  }

  @Test
  void failedUploadLeavesNothingBehind() throws IOException {
    FileSystemBlobStore store = store();
    // a stream that fails part-way, as an upload over its limit or a client that went away does
    InputStream failing =
        new FilterInputStream(new ByteArrayInputStream(new byte[100])) {
          private int read;

          @Override
          public int read(byte[] buffer, int offset, int length) throws IOException {
            if (read >= 10) {
              throw new IOException("too large");
            }
            int n = super.read(buffer, offset, Math.min(length, 10 - read));
            read += Math.max(n, 0);
            return n;
          }
        };
    assertThrows(IOException.class, () -> store.write("content/big1", failing));
    assertFalse(store.size("content/big1").isPresent());
    try (Stream<Path> tmp = Files.list(root.resolve("tmp"))) {
      assertEquals(0, tmp.count());
    }
  }

  @Test
  void missingBlobIsNoSuchFile() throws IOException {
    FileSystemBlobStore store = store();
    assertThrows(NoSuchFileException.class, () -> store.read("content/nothing", 0));
  }

  @Test
  void keysCannotLeaveTheStore() throws IOException {
    FileSystemBlobStore store = store();
    for (String key : new String[] {"../etc/passwd", "/etc/passwd", "a/../../b", "a//b", ""}) {
      assertThrows(IllegalArgumentException.class, () -> store.path(key), key);
    }
  }
}
