package de.timkim.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.util.UUID;

/**
 * The Client-Server API calls a test makes on its way to what it is about, one line each (as
 * Synapse's {@code tests/rest/client/utils.py} {@code RestHelper}): create a room, invite, join,
 * send, put and read state, sync, expect an error. Each step that must succeed asserts its 200, so
 * a test fails where the setup broke, with the server's answer. Accounts come from {@link
 * MatrixAccounts}.
 */
public final class MatrixClient {

  private static final String ROOMS = "/_matrix/client/v3/rooms/";

  private MatrixClient() {}

  /** The path of {@code suffix} below the room, e.g. {@code room(id, "/join")}. */
  public static String room(String roomId, String suffix) {
    return ROOMS + Http.enc(roomId) + suffix;
  }

  /** {@code reply} after asserting it is a 200; the body is in the failure message. */
  public static Http.Reply ok(Http.Reply reply) {
    assertEquals(200, reply.status(), reply.body());
    return reply;
  }

  /**
   * Asserts the Matrix error {@code status} with {@code errcode} (spec: "Standard error response").
   */
  public static void expectError(int status, String errcode, Http.Reply reply) {
    assertEquals(status, reply.status(), reply.body());
    assertEquals(errcode, reply.json().getString("errcode"), reply.body());
  }

  /** {@code text} as a JSON object. */
  public static JsonObject json(String text) {
    return Json.createReader(new StringReader(text)).readObject();
  }

  /** The content of an {@code m.text} message with {@code body}. */
  public static String text(String body) {
    return Json.createObjectBuilder().add("msgtype", "m.text").add("body", body).build().toString();
  }

  /** {@code POST /createRoom} with {@code request} (e.g. {@code {"preset":"private_chat"}}). */
  public static String createRoom(Account creator, String request)
      throws IOException, InterruptedException {
    return ok(MatrixAccounts.call("POST", "/_matrix/client/v3/createRoom", creator, request))
        .json()
        .getString("room_id");
  }

  public static void invite(Account inviter, String roomId, Account invitee)
      throws IOException, InterruptedException {
    ok(
        MatrixAccounts.call(
            "POST",
            room(roomId, "/invite"),
            inviter,
            "{\"user_id\":\"" + invitee.userId() + "\"}"));
  }

  public static void join(Account who, String roomId) throws IOException, InterruptedException {
    ok(MatrixAccounts.call("POST", room(roomId, "/join"), who, "{}"));
  }

  public static void leave(Account who, String roomId) throws IOException, InterruptedException {
    ok(MatrixAccounts.call("POST", room(roomId, "/leave"), who, "{}"));
  }

  /** Sends an {@code m.text} message with {@code body} and returns its event ID. */
  public static String sendText(Account sender, String roomId, String body)
      throws IOException, InterruptedException {
    return send(sender, roomId, "m.room.message", text(body));
  }

  /** Sends an event of {@code type} with {@code content} (a fresh transaction ID); its event ID. */
  public static String send(Account sender, String roomId, String type, String content)
      throws IOException, InterruptedException {
    return ok(MatrixAccounts.call(
            "PUT", room(roomId, "/send/" + type + "/" + UUID.randomUUID()), sender, content))
        .json()
        .getString("event_id");
  }

  /** {@code PUT /state/{type}/{stateKey}}; returns the state event's ID. */
  public static String putState(
      Account sender, String roomId, String type, String stateKey, String content)
      throws IOException, InterruptedException {
    return ok(MatrixAccounts.call(
            "PUT", room(roomId, "/state/" + type + "/" + Http.enc(stateKey)), sender, content))
        .json()
        .getString("event_id");
  }

  /** The content of the room's state event {@code type} with the empty state key. */
  public static JsonObject state(Account reader, String roomId, String type)
      throws IOException, InterruptedException {
    return ok(MatrixAccounts.call("GET", room(roomId, "/state/" + type), reader, null)).json();
  }

  /**
   * {@code GET /sync?timeout=0}, with {@code filter} (JSON or a filter ID) and {@code since} where
   * not null: initial without {@code since}, incremental with it.
   */
  public static JsonObject sync(Account who, String filter, String since)
      throws IOException, InterruptedException {
    return ok(MatrixAccounts.call(
            "GET",
            "/_matrix/client/v3/sync?timeout=0"
                + (filter == null ? "" : "&filter=" + Http.enc(filter))
                + (since == null ? "" : "&since=" + Http.enc(since)),
            who,
            null))
        .json();
  }

  /** Uploads {@code text} as a text/plain file {@code fileName}; its {@code mxc://} URI. */
  public static String upload(Account uploader, String fileName, String text)
      throws IOException, InterruptedException {
    return ok(Http.send(
            Http.request("/_matrix/media/v3/upload?filename=" + Http.enc(fileName))
                .header("Authorization", uploader.authorization())
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(text))))
        .json()
        .getString("content_uri");
  }

  /** {@code GET /_matrix/client/v1/media/download/...} of {@code mxc} as {@code reader}. */
  public static Http.Reply download(Account reader, String mxc)
      throws IOException, InterruptedException {
    return Http.send(
        Http.request("/_matrix/client/v1/media/download/" + mxc.substring("mxc://".length()))
            .header("Authorization", reader.authorization())
            .GET());
  }
}
