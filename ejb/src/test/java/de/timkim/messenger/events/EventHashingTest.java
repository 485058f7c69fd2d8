package de.timkim.messenger.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.messenger.keys.JsonSigning;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** Vectors from https://spec.matrix.org/v1.11/appendices/#signing-events */
class EventHashingTest {

  private static final byte[] SEED =
      Base64.getDecoder().decode("YJDBA9Xnr2sVqXD9Vj7XVUnmFZcZrlw8Md7kMW+3XA1");

  private static JsonObject json(String s) {
    return Json.createReader(new StringReader(s)).readObject();
  }

  private static final String MINIMAL =
      "{\"room_id\":\"!x:domain\",\"sender\":\"@a:domain\",\"origin\":\"domain\","
          + "\"origin_server_ts\":1000000,\"signatures\":{},\"hashes\":{},\"type\":\"X\","
          + "\"content\":{},\"prev_events\":[],\"auth_events\":[],\"depth\":3,"
          + "\"unsigned\":{\"age_ts\":1000000}}";

  @Test
  void contentHashOfTheMinimalEventMatchesTheSpec() {
    assertEquals(
        "5jM4wQpv6lnBo7CLIghJuHdW+s2CMBJPUOGOC89ncos", EventHashing.contentHash(json(MINIMAL)));
  }

  @Test
  void signatureOverTheRedactedMinimalEventMatchesTheSpec() {
    JsonObject hashed =
        Json.createObjectBuilder(json(MINIMAL))
            .add(
                "hashes",
                Json.createObjectBuilder().add("sha256", EventHashing.contentHash(json(MINIMAL))))
            .build();
    JsonObject signed =
        JsonSigning.sign(Redaction.redact(hashed, RoomVersion.V10), "domain", "ed25519:1", SEED);
    assertEquals(
        "KxwGjPSDEtvnFgU00fwFz+l6d2pJM6XBIaMEn81SXPTRl16AqLAYqfIReFGZlHi5KLjAWbOoMszkwsQma+lYAg",
        signed.getJsonObject("signatures").getJsonObject("domain").getString("ed25519:1"));
  }

  @Test
  void redactionKeepsOnlyProtectedMessageFields() {
    JsonObject message =
        json(
            "{\"content\":{\"body\":\"Here is the message content\"},\"event_id\":\"$0:domain\","
                + "\"origin\":\"domain\",\"origin_server_ts\":1000000,\"type\":\"m.room.message\","
                + "\"room_id\":\"!r:domain\",\"sender\":\"@u:domain\",\"signatures\":{},"
                + "\"unsigned\":{\"age_ts\":1000000}}");
    JsonObject redacted = Redaction.redact(message, RoomVersion.V10);
    assertEquals(Json.createObjectBuilder().build(), redacted.getJsonObject("content"));
    assertFalse(redacted.containsKey("unsigned"));
    assertTrue(redacted.containsKey("origin"));
    assertFalse(Redaction.redact(message, RoomVersion.V11).containsKey("origin"));
  }

  @Test
  void v11KeepsTheWholeCreateContentAndPowerLevelInvite() {
    JsonObject create =
        json(
            "{\"type\":\"m.room.create\",\"content\":{\"room_version\":\"11\",\"m.federate\":false}}");
    assertEquals(
        create.getJsonObject("content"),
        Redaction.redact(create, RoomVersion.V11).getJsonObject("content"));
    assertEquals(
        Json.createObjectBuilder().build(),
        Redaction.redact(create, RoomVersion.V10).getJsonObject("content"));
    JsonObject pl =
        json(
            "{\"type\":\"m.room.power_levels\",\"content\":{\"invite\":50,\"ban\":50,\"notifications\":{}}}");
    assertEquals(
        json("{\"invite\":50,\"ban\":50}"),
        Redaction.redact(pl, RoomVersion.V11).getJsonObject("content"));
    assertEquals(
        json("{\"ban\":50}"), Redaction.redact(pl, RoomVersion.V10).getJsonObject("content"));
  }

  @Test
  void eventIdIsTheUrlSafeReferenceHash() {
    String id = EventHashing.eventId(json(MINIMAL), RoomVersion.V10);
    assertTrue(id.startsWith("$"));
    assertEquals(44, id.length());
    assertFalse(id.contains("+") || id.contains("/") || id.contains("="));
    // unsigned data and signatures do not change an event's ID
    JsonObject withUnsigned =
        Json.createObjectBuilder(json(MINIMAL))
            .add("unsigned", Json.createObjectBuilder().add("age", 5))
            .build();
    assertEquals(id, EventHashing.eventId(withUnsigned, RoomVersion.V10));
  }
}
