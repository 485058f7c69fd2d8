package de.timkim.it.matrix;

import static de.timkim.it.ServerDirectories.copyTree;
import static de.timkim.it.ServerDirectories.deleteTree;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two nodes on one PostgreSQL database: a /sync waiting on one node wakes when the event is written
 * through the other, and a state change made through one node governs the next message through the
 * other, whatever state that node kept. Runs in the PostgreSQL pass only (H2 is single-node by
 * design).
 */
@ExtendWith(ArquillianExtension.class)
@EnabledIfSystemProperty(named = "it.db", matches = "postgresql")
class ClusterWakeupIT extends DeployedEar {

  // 50 above the first node, so parallel test runs with their own offsets never share a port
  private static final int OFFSET = Integer.getInteger("it.port.offset") + 50;
  private static final String NODE2 = "http://127.0.0.1:" + (8080 + OFFSET);
  private static Process node2;
  private static Path base2;

  @BeforeAll
  static void startSecondNode() throws Exception {
    String home = System.getProperty("it.jboss.home");
    base2 = Path.of(System.getProperty("it.server.base")).resolveSibling("it-node2");
    deleteTree(base2);
    copyTree(Path.of(home, "standalone", "configuration"), base2.resolve("configuration"));
    Files.createDirectories(base2.resolve("deployments"));
    Files.copy(
        Path.of(System.getProperty("it.ear")),
        base2.resolve("deployments/tim-kim.ear"),
        StandardCopyOption.REPLACE_EXISTING);
    ProcessBuilder builder =
        new ProcessBuilder(
                home + "/bin/standalone.sh",
                "-c",
                System.getProperty("it.server.config"),
                "-Djboss.server.base.dir=" + base2,
                "-Djboss.socket.binding.port-offset=" + OFFSET,
                "-Djboss.node.name=it-node2",
                // every node must use the same secrets key (finding 17): node 1's file
                "-Dtim.secrets.key-file="
                    + Path.of(System.getProperty("it.server.base"), "data", "tim", "secrets.key"),
                "-Djboss.default.multicast.address=" + System.getProperty("it.multicast.address"),
                "-Dtim.db=postgresql",
                "-Dtim.db.url=" + System.getProperty("it.postgresql.url"),
                "-Dtim.db.user=" + System.getProperty("it.postgresql.user"),
                "-Dtim.db.password=unused")
            .redirectErrorStream(true)
            .redirectOutput(base2.resolve("console.log").toFile());
    builder.environment().put("LAUNCH_JBOSS_IN_BACKGROUND", "1");
    builder.environment().put("JAVA_OPTS", "-Xms256m -Xmx768m -Djava.net.preferIPv4Stack=true");
    node2 = builder.start();
    long deadline = System.currentTimeMillis() + 180_000;
    while (System.currentTimeMillis() < deadline) {
      try {
        if (Http.send(HttpRequest.newBuilder(URI.create(NODE2 + "/_tim/v1/status"))).status()
            == 200) {
          return;
        }
      } catch (IOException notYet) {
        // still starting
      }
      Thread.sleep(500);
    }
    throw new AssertionError("second node did not come up; see " + base2.resolve("console.log"));
  }

  @AfterAll
  static void stopSecondNode() throws Exception {
    if (node2 != null) {
      node2.destroy();
      if (!node2.waitFor(60, TimeUnit.SECONDS)) {
        node2.destroyForcibly();
      }
    }
  }

  @Test
  void syncWaitingOnOneNodeWakesForAnEventWrittenThroughTheOther() throws Exception {
    Account alice = MatrixAccounts.register("node1-alice");
    Account bob = MatrixAccounts.register("node2-bob");
    String room = roomJoinedThroughNode2(alice, bob);

    for (int round = 0; round < 3; round++) {
      // bob waits on node 2, alice writes on node 1; then the other way round
      assertWakes(NODE2, bob, Http.BASE, alice, room, "from node 1, round " + round);
      assertWakes(Http.BASE, alice, NODE2, bob, room, "from node 2, round " + round);
    }
  }

  @Test
  void stateChangedThroughOneNodeGovernsTheNextMessageOnTheOther() throws Exception {
    Account alice = MatrixAccounts.register("state-node-alice");
    Account bob = MatrixAccounts.register("state-node-bob");
    Account carol = MatrixAccounts.register("state-node-carol");
    String room = roomJoinedThroughNode2(alice, bob, carol);
    // node 1 authorises these against the state it now keeps for the room
    assertEquals(200, message(Http.BASE, room, bob, "before the ban").status());
    assertEquals(200, message(Http.BASE, room, carol, "before the power levels").status());

    assertEquals(
        200,
        call(NODE2, "POST", room + "/ban", alice, "{\"user_id\":\"" + bob.userId() + "\"}")
            .status());
    Http.Reply banned = message(Http.BASE, room, bob, "after the ban");
    assertEquals(403, banned.status(), banned.body());
    assertEquals("M_FORBIDDEN", banned.json().getString("errcode"));
    assertEquals(200, message(Http.BASE, room, carol, "still allowed").status());

    var levels = call(NODE2, "GET", room + "/state/m.room.power_levels", alice, null).json();
    String raised =
        jakarta.json.Json.createObjectBuilder(levels).add("events_default", 50).build().toString();
    assertEquals(
        200, call(NODE2, "PUT", room + "/state/m.room.power_levels", alice, raised).status());
    Http.Reply tooLow = message(Http.BASE, room, carol, "after the power levels");
    assertEquals(403, tooLow.status(), tooLow.body());
    assertEquals(200, message(Http.BASE, room, alice, "the admin still may").status());
  }

  /** A room created through node 1 by {@code creator}; the members join through node 2. */
  private static String roomJoinedThroughNode2(Account creator, Account... members)
      throws Exception {
    String invite =
        java.util.Arrays.stream(members)
            .map(m -> "\"" + m.userId() + "\"")
            .collect(java.util.stream.Collectors.joining(","));
    String roomId =
        call(
                Http.BASE,
                "POST",
                "/_matrix/client/v3/createRoom",
                creator,
                "{\"invite\":[" + invite + "]}")
            .json()
            .getString("room_id");
    String room = "/_matrix/client/v3/rooms/" + URLEncoder.encode(roomId, StandardCharsets.UTF_8);
    for (Account member : members) {
      assertEquals(200, call(NODE2, "POST", room + "/join", member, "{}").status());
    }
    return room;
  }

  private static Http.Reply message(String node, String room, Account sender, String body)
      throws Exception {
    return call(
        node,
        "PUT",
        room + "/send/m.room.message/" + System.nanoTime(),
        sender,
        "{\"msgtype\":\"m.text\",\"body\":\"" + body + "\"}");
  }

  @Test
  void toDeviceMessageSentThroughOneNodeWakesASyncOnTheOther() throws Exception {
    Account alice = MatrixAccounts.register("td-node1-alice");
    Account bob = MatrixAccounts.register("td-node2-bob");
    String since =
        call(NODE2, "GET", "/_matrix/client/v3/sync?timeout=0", bob, null)
            .json()
            .getString("next_batch");
    CompletableFuture<Http.Reply> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return call(
                    NODE2,
                    "GET",
                    "/_matrix/client/v3/sync?timeout=20000&since=" + since,
                    bob,
                    null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    String messages =
        "{\"messages\":{\""
            + bob.userId()
            + "\":{\""
            + bob.deviceId()
            + "\":{\"ciphertext\":\"across nodes\"}}}}";
    assertEquals(
        200,
        call(Http.BASE, "PUT", "/_matrix/client/v3/sendToDevice/m.dummy/x1", alice, messages)
            .status());
    Http.Reply woken = waiting.get(30, TimeUnit.SECONDS);
    assertTrue(
        woken.json().getJsonObject("to_device").getJsonArray("events").size() == 1,
        "woken with the message, not at the timeout: " + woken.body());
  }

  @Test
  void oneTimeKeysClaimedThroughBothNodesAtOnceAreEachHandedOutOnce() throws Exception {
    Account alice = MatrixAccounts.register("otk-owner");
    Account bob = MatrixAccounts.register("otk-claimer");
    int keys = 12;
    StringBuilder otks = new StringBuilder();
    for (int i = 0; i < keys; i++) {
      otks.append(i == 0 ? "" : ",")
          .append("\"curve25519:K")
          .append(i)
          .append("\":\"a2V5")
          .append(i)
          .append("\"");
    }
    assertEquals(
        200,
        call(
                Http.BASE,
                "POST",
                "/_matrix/client/v3/keys/upload",
                alice,
                "{\"one_time_keys\":{" + otks + "}}")
            .status());
    String claim =
        "{\"one_time_keys\":{\""
            + alice.userId()
            + "\":{\""
            + alice.deviceId()
            + "\":\"curve25519\"}}}";
    java.util.List<CompletableFuture<Http.Reply>> claims = new java.util.ArrayList<>();
    // more threads than the common pool has on a small machine, so claims really overlap
    var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
    for (int i = 0; i < keys + 4; i++) {
      String node = i % 2 == 0 ? Http.BASE : NODE2;
      claims.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return call(node, "POST", "/_matrix/client/v3/keys/claim", bob, claim);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              pool));
    }
    java.util.List<String> handedOut = new java.util.ArrayList<>();
    for (CompletableFuture<Http.Reply> future : claims) {
      Http.Reply reply = future.get(60, TimeUnit.SECONDS);
      assertEquals(200, reply.status(), reply.body());
      var devices = reply.json().getJsonObject("one_time_keys").getJsonObject(alice.userId());
      if (devices != null) {
        handedOut.addAll(devices.getJsonObject(alice.deviceId()).keySet());
      }
    }
    pool.shutdown();
    assertEquals(keys, handedOut.size(), "every key handed out, none twice: " + handedOut);
    assertEquals(keys, new java.util.HashSet<>(handedOut).size(), "no key twice: " + handedOut);
  }

  private static void assertWakes(
      String readerNode,
      Account reader,
      String writerNode,
      Account writer,
      String room,
      String body)
      throws Exception {
    String since =
        call(readerNode, "GET", "/_matrix/client/v3/sync?timeout=0", reader, null)
            .json()
            .getString("next_batch");
    CompletableFuture<Http.Reply> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return call(
                    readerNode,
                    "GET",
                    "/_matrix/client/v3/sync?timeout=20000&since=" + since,
                    reader,
                    null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300); // the reader is parked now
    long sent = System.nanoTime();
    assertEquals(
        200,
        call(
                writerNode,
                "PUT",
                room + "/send/m.room.message/" + System.nanoTime(),
                writer,
                "{\"msgtype\":\"m.text\",\"body\":\"" + body + "\"}")
            .status());
    Http.Reply woken = waiting.get(20, TimeUnit.SECONDS);
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
    assertEquals(200, woken.status(), woken.body());
    assertTrue(woken.body().contains(body), woken.body());
    // a 25 ms poll of the stream position plus the sync itself; 20 s would mean a timeout, not a
    // wake-up
    assertTrue(millis < 3000, "woke after " + millis + " ms");
    System.out.println("cross-node wake-up " + body + ": " + millis + " ms");
  }

  private static Http.Reply call(
      String node, String method, String path, Account account, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(node + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .header("Authorization", account.authorization());
    return Http.send(request);
  }
}
