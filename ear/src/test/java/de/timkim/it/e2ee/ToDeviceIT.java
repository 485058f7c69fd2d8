package de.timkim.it.e2ee;

import static de.timkim.it.MatrixClient.expectError;
import static de.timkim.it.e2ee.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** PUT /sendToDevice and to_device in /sync: delivery, idempotency, acknowledgement, limits. */
@ExtendWith(ArquillianExtension.class)
class ToDeviceIT extends DeployedEar {

  private static JsonObject messages(String userId, String deviceId, JsonObject content) {
    return Json.createObjectBuilder()
        .add(
            "messages",
            Json.createObjectBuilder()
                .add(userId, Json.createObjectBuilder().add(deviceId, content)))
        .build();
  }

  private static JsonArray toDevice(Account account, String since) throws Exception {
    String path = "/sync?timeout=0" + (since == null ? "" : "&since=" + since);
    return call(account, "GET", path, null)
        .json()
        .getJsonObject("to_device")
        .getJsonArray("events");
  }

  @Test
  void aMessageIsDeliveredOnceAndGoneAfterTheClientAcknowledgesIt() throws Exception {
    Account alice = MatrixAccounts.register("td-alice");
    Account bob = MatrixAccounts.register("td-bob");
    String since = Calls.sinceNow(bob);
    JsonObject content = Json.createObjectBuilder().add("ciphertext", "opaque").add("n", 1).build();
    JsonObject body = messages(bob.userId(), bob.deviceId(), content);
    assertEquals(200, call(alice, "PUT", "/sendToDevice/m.room.encrypted/txn1", body).status());
    // the retried request with the same transaction ID sends nothing again
    assertEquals(200, call(alice, "PUT", "/sendToDevice/m.room.encrypted/txn1", body).status());

    JsonObject sync = call(bob, "GET", "/sync?timeout=0&since=" + since, null).json();
    JsonArray events = sync.getJsonObject("to_device").getJsonArray("events");
    assertEquals(1, events.size(), sync.toString());
    JsonObject event = events.getJsonObject(0);
    assertEquals(alice.userId(), event.getString("sender"));
    assertEquals("m.room.encrypted", event.getString("type"));
    assertEquals(content, event.getJsonObject("content"));
    // not acknowledged yet: the same since gives it again
    assertEquals(1, toDevice(bob, since).size());
    // syncing from next_batch acknowledges it; it is gone, also for an initial sync
    assertEquals(0, toDevice(bob, sync.getString("next_batch")).size());
    assertEquals(0, toDevice(bob, null).size());
  }

  @Test
  void starReachesEveryDeviceOfTheUser() throws Exception {
    Account alice = MatrixAccounts.register("td-star-alice");
    Account bob = MatrixAccounts.register("td-star-bob");
    Account bobPhone = MatrixAccounts.login(bob, "PHONE");
    JsonObject content = Json.createObjectBuilder().add("hello", "all").build();
    assertEquals(
        200,
        call(alice, "PUT", "/sendToDevice/m.dummy/star1", messages(bob.userId(), "*", content))
            .status());
    for (Account device : List.of(bob, bobPhone)) {
      JsonArray events = toDevice(device, null);
      assertEquals(1, events.size(), device.deviceId() + ": " + events);
      assertEquals(content, events.getJsonObject(0).getJsonObject("content"));
    }
  }

  @Test
  void aWaitingSyncWakesForAToDeviceMessage() throws Exception {
    Account alice = MatrixAccounts.register("td-wake-alice");
    Account bob = MatrixAccounts.register("td-wake-bob");
    String since = Calls.sinceNow(bob);
    CompletableFuture<Http.Reply> waiting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return call(bob, "GET", "/sync?timeout=25000&since=" + since, null);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    JsonObject content = Json.createObjectBuilder().add("wake", true).build();
    assertEquals(
        200,
        call(
                alice,
                "PUT",
                "/sendToDevice/m.dummy/wake1",
                messages(bob.userId(), bob.deviceId(), content))
            .status());
    JsonObject woken = waiting.get().json();
    assertEquals(
        1,
        woken.getJsonObject("to_device").getJsonArray("events").size(),
        "woken with the message, not at the timeout: " + woken);
  }

  @Test
  void oversizedAndMalformedMessagesAreRefused() throws Exception {
    Account alice = MatrixAccounts.register("td-bad-alice");
    Account bob = MatrixAccounts.register("td-bad-bob");
    JsonObject huge = Json.createObjectBuilder().add("ciphertext", "A".repeat(70_000)).build();
    expectError(
        413,
        "M_TOO_LARGE",
        call(
            alice,
            "PUT",
            "/sendToDevice/m.room.encrypted/big1",
            messages(bob.userId(), bob.deviceId(), huge)));
    expectError(400, "M_MISSING_PARAM", call(alice, "PUT", "/sendToDevice/m.dummy/bad1", "{}"));
    expectError(
        400, "M_BAD_JSON", call(alice, "PUT", "/sendToDevice/m.dummy/bad2", "{\"messages\":[]}"));
    expectError(
        400,
        "M_BAD_JSON",
        call(
            alice,
            "PUT",
            "/sendToDevice/m.dummy/bad3",
            "{\"messages\":{\"" + bob.userId() + "\":{\"DEV\":\"text\"}}}"));
    expectError(
        400,
        "M_INVALID_PARAM",
        call(alice, "PUT", "/sendToDevice/m.dummy/bad4", "{\"messages\":{\"bob\":{\"DEV\":{}}}}"));
    expectError(400, "M_NOT_JSON", call(alice, "PUT", "/sendToDevice/m.dummy/bad5", "nope"));
    assertEquals(0, toDevice(bob, null).size(), "nothing of the refused requests was delivered");
  }

  @Test
  void messagesForADeletedDeviceAreDropped() throws Exception {
    Account alice = MatrixAccounts.register("td-del-alice");
    Account bob = MatrixAccounts.register("td-del-bob");
    Account bobTablet = MatrixAccounts.login(bob, "TABLET");
    JsonObject content = Json.createObjectBuilder().add("x", 1).build();
    assertEquals(
        200,
        call(alice, "PUT", "/sendToDevice/m.dummy/del1", messages(bob.userId(), "TABLET", content))
            .status());
    assertEquals(200, call(bobTablet, "POST", "/logout", "{}").status());
    Account again = MatrixAccounts.login(bob, "TABLET");
    assertEquals(
        0,
        toDevice(again, null).size(),
        "a new session with the old device ID gets nothing of the old one");
  }
}
