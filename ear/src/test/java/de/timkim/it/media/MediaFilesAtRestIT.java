package de.timkim.it.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the running server leaves on disk for an upload: a file only the server's user can read, in
 * directories only it can enter (security review, finding 17).
 */
@ExtendWith(ArquillianExtension.class)
class MediaFilesAtRestIT extends DeployedEar {

  @Test
  void uploadedMediaIsStoredInOwnerOnlyFilesAndDirectories() throws Exception {
    Account alice = MatrixAccounts.register("at-rest");
    byte[] content = ("Befund " + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
    Http.Reply uploaded =
        Http.send(
            Http.request("/_matrix/media/v3/upload?filename=befund.txt")
                .header("Authorization", alice.authorization())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    assertEquals(200, uploaded.status(), uploaded.body());

    Path root = Path.of(System.getProperty("it.server.base"), "data", "tim", "media");
    List<Path> stored;
    try (Stream<Path> files = Files.walk(root)) {
      stored = files.filter(Files::isRegularFile).filter(f -> sameContent(f, content)).toList();
    }
    assertEquals(1, stored.size(), "the upload is one file under " + root);
    Path file = stored.get(0);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    for (Path dir = file.getParent(); dir.startsWith(root); dir = dir.getParent()) {
      assertEquals(
          "rwx------",
          PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)),
          dir.toString());
      if (dir.equals(root)) {
        break;
      }
    }
    assertTrue(Files.isDirectory(root.resolve("tmp")));
    assertEquals(
        "rwx------",
        PosixFilePermissions.toString(Files.getPosixFilePermissions(root.resolve("tmp"))));
  }

  private static boolean sameContent(Path file, byte[] content) {
    try {
      return Files.size(file) == content.length
          && java.util.Arrays.equals(Files.readAllBytes(file), content);
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
