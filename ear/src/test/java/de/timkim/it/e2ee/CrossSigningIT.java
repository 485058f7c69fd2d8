package de.timkim.it.e2ee;

import static de.timkim.it.MatrixClient.expectError;
import static de.timkim.it.e2ee.Calls.call;
import static de.timkim.it.e2ee.DeviceKeysIT.body;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import de.timkim.it.DeployedEar;
import de.timkim.it.Http;
import de.timkim.it.MatrixAccounts;
import de.timkim.it.MatrixAccounts.Account;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.util.List;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** /keys/device_signing/upload (with UIA for replacements) and /keys/signatures/upload. */
@ExtendWith(ArquillianExtension.class)
class CrossSigningIT extends DeployedEar {

  private static JsonObject crossSigningKey(
      Account account, String usage, String publicKey, String signedBy) {
    var key =
        Json.createObjectBuilder()
            .add("user_id", account.userId())
            .add("usage", Json.createArrayBuilder().add(usage))
            .add("keys", Json.createObjectBuilder().add("ed25519:" + publicKey, publicKey));
    if (signedBy != null) {
      key.add("signatures", Calls.signatures(account.userId(), "ed25519:" + signedBy));
    }
    return key.build();
  }

  @Test
  void firstUploadNeedsNoPasswordReplacingDoes() throws Exception {
    Account alice = MatrixAccounts.register("xs-alice");
    String master = Calls.key();
    String selfSigning = Calls.key();
    String userSigning = Calls.key();
    JsonObject keys =
        Json.createObjectBuilder()
            .add("master_key", crossSigningKey(alice, "master", master, null))
            .add("self_signing_key", crossSigningKey(alice, "self_signing", selfSigning, master))
            .add("user_signing_key", crossSigningKey(alice, "user_signing", userSigning, master))
            .build();
    assertEquals(200, call(alice, "POST", "/keys/device_signing/upload", keys).status());
    // the same keys again (a retry) still need no password
    assertEquals(200, call(alice, "POST", "/keys/device_signing/upload", keys).status());

    String newMaster = Calls.key();
    JsonObject replacement =
        body(
            "master_key",
            Json.createObjectBuilder(crossSigningKey(alice, "master", newMaster, null)));
    Http.Reply challenge = call(alice, "POST", "/keys/device_signing/upload", replacement);
    assertEquals(401, challenge.status(), challenge.body());
    assertTrue(challenge.json().containsKey("flows"), challenge.body());
    String session = challenge.json().getString("session");
    JsonObject authed =
        Json.createObjectBuilder(replacement)
            .add(
                "auth",
                Json.createObjectBuilder()
                    .add("type", "m.login.password")
                    .add(
                        "identifier",
                        Json.createObjectBuilder()
                            .add("type", "m.id.user")
                            .add("user", alice.userId()))
                    .add("password", "correct horse battery")
                    .add("session", session))
            .build();
    assertEquals(200, call(alice, "POST", "/keys/device_signing/upload", authed).status());

    Account bob = MatrixAccounts.register("xs-bob");
    JsonObject seenByBob =
        call(bob, "POST", "/keys/query", "{\"device_keys\":{\"" + alice.userId() + "\":[]}}")
            .json();
    assertTrue(
        seenByBob
            .getJsonObject("master_keys")
            .getJsonObject(alice.userId())
            .getJsonObject("keys")
            .containsKey("ed25519:" + newMaster));
    assertTrue(seenByBob.getJsonObject("self_signing_keys").containsKey(alice.userId()));
    assertFalse(
        seenByBob.getJsonObject("user_signing_keys").containsKey(alice.userId()),
        "user-signing keys are private");
    JsonObject seenByAlice =
        call(alice, "POST", "/keys/query", "{\"device_keys\":{\"" + alice.userId() + "\":[]}}")
            .json();
    assertTrue(seenByAlice.getJsonObject("user_signing_keys").containsKey(alice.userId()));
  }

  @Test
  void badCrossSigningKeysAreRefused() throws Exception {
    Account alice = MatrixAccounts.register("xs-bad");
    Account bob = MatrixAccounts.register("xs-bad-bob");
    String master = Calls.key();
    // self-signing key without the master key's signature
    JsonObject unsigned =
        Json.createObjectBuilder()
            .add("master_key", crossSigningKey(alice, "master", master, null))
            .add(
                "self_signing_key",
                crossSigningKey(alice, "self_signing", Calls.key(), Calls.key()))
            .build();
    expectError(
        400, "M_INVALID_SIGNATURE", call(alice, "POST", "/keys/device_signing/upload", unsigned));
    // a master key of someone else
    expectError(
        400,
        "M_INVALID_PARAM",
        call(
            alice,
            "POST",
            "/keys/device_signing/upload",
            body(
                "master_key",
                Json.createObjectBuilder(crossSigningKey(bob, "master", Calls.key(), null)))));
    // wrong usage, key ID not matching the key
    expectError(
        400,
        "M_BAD_JSON",
        call(
            alice,
            "POST",
            "/keys/device_signing/upload",
            body(
                "master_key",
                Json.createObjectBuilder(crossSigningKey(alice, "self_signing", master, null)))));
    JsonObject mismatched =
        Json.createObjectBuilder(crossSigningKey(alice, "master", master, null))
            .add("keys", Json.createObjectBuilder().add("ed25519:abc", master))
            .build();
    expectError(
        400,
        "M_BAD_JSON",
        call(
            alice,
            "POST",
            "/keys/device_signing/upload",
            body("master_key", Json.createObjectBuilder(mismatched))));
    JsonObject nothingStored =
        call(alice, "POST", "/keys/query", "{\"device_keys\":{\"" + alice.userId() + "\":[]}}")
            .json();
    assertFalse(nothingStored.getJsonObject("master_keys").containsKey(alice.userId()));
  }

  @Test
  void signaturesOfOwnDevicesAreMergedIntoTheirKeysAndUnknownTargetsFail() throws Exception {
    Account alice = MatrixAccounts.register("xs-sig");
    Calls.SigningKey selfSigning = Calls.signingKey();
    JsonObject device = uploadCrossSigningAndDeviceKeys(alice, selfSigning);
    String signature = Calls.sign(selfSigning, device);
    JsonObject signedDevice = signedBy(device, alice, selfSigning.publicKey(), signature);
    JsonObject upload =
        Json.createObjectBuilder()
            .add(
                alice.userId(),
                Json.createObjectBuilder()
                    .add(alice.deviceId(), signedDevice)
                    .add("UNKNOWNDEVICE", signedDevice))
            .build();
    Http.Reply reply = call(alice, "POST", "/keys/signatures/upload", upload);
    assertEquals(200, reply.status(), reply.body());
    JsonObject failures = reply.json().getJsonObject("failures");
    assertTrue(failures.getJsonObject(alice.userId()).containsKey("UNKNOWNDEVICE"), reply.body());
    assertFalse(failures.getJsonObject(alice.userId()).containsKey(alice.deviceId()), reply.body());

    JsonObject signatures = queriedDeviceSignatures(alice);
    assertEquals(signature, signatures.getString("ed25519:" + selfSigning.publicKey()));
    assertTrue(
        signatures.containsKey("ed25519:" + alice.deviceId()), "the device's own signature stays");
    expectError(
        400,
        "M_INVALID_PARAM",
        call(alice, "POST", "/keys/signatures/upload", "{\"not-a-user\":{}}"));
  }

  @Test
  void signaturesThatDoNotVerifyAreRefusedInTheFailuresMapAndNotServed() throws Exception {
    Account alice = MatrixAccounts.register("xs-forged");
    Calls.SigningKey selfSigning = Calls.signingKey();
    JsonObject device = uploadCrossSigningAndDeviceKeys(alice, selfSigning);
    // random bytes, a signature by another key, a signature of other content
    Calls.SigningKey stranger = Calls.signingKey();
    JsonObject otherContent = Json.createObjectBuilder(device).add("device_id", "OTHER").build();
    for (String forged :
        List.of(
            Calls.key() + Calls.key(),
            Calls.sign(stranger, device),
            Calls.sign(selfSigning, otherContent))) {
      JsonObject upload =
          Json.createObjectBuilder()
              .add(
                  alice.userId(),
                  Json.createObjectBuilder()
                      .add(
                          alice.deviceId(),
                          signedBy(device, alice, selfSigning.publicKey(), forged)))
              .build();
      Http.Reply reply = call(alice, "POST", "/keys/signatures/upload", upload);
      assertEquals(200, reply.status(), reply.body());
      JsonObject failure =
          reply
              .json()
              .getJsonObject("failures")
              .getJsonObject(alice.userId())
              .getJsonObject(alice.deviceId());
      assertEquals("M_INVALID_SIGNATURE", failure.getString("errcode"), reply.body());
      assertFalse(
          queriedDeviceSignatures(alice).containsKey("ed25519:" + selfSigning.publicKey()),
          "a forged signature is not served");
    }
  }

  private static JsonObject signedBy(
      JsonObject device, Account account, String publicKey, String signature) {
    return Json.createObjectBuilder(device)
        .add(
            "signatures",
            Json.createObjectBuilder()
                .add(
                    account.userId(),
                    Json.createObjectBuilder().add("ed25519:" + publicKey, signature)))
        .build();
  }

  private static JsonObject queriedDeviceSignatures(Account account) throws Exception {
    return call(
            account,
            "POST",
            "/keys/query",
            "{\"device_keys\":{\"" + account.userId() + "\":[\"" + account.deviceId() + "\"]}}")
        .json()
        .getJsonObject("device_keys")
        .getJsonObject(account.userId())
        .getJsonObject(account.deviceId())
        .getJsonObject("signatures")
        .getJsonObject(account.userId());
  }

  /** Uploads a master key, {@code selfSigning} as its self-signing key and the device's keys. */
  private static JsonObject uploadCrossSigningAndDeviceKeys(
      Account alice, Calls.SigningKey selfSigning) throws Exception {
    String master = Calls.key();
    assertEquals(
        200,
        call(
                alice,
                "POST",
                "/keys/device_signing/upload",
                Json.createObjectBuilder()
                    .add("master_key", crossSigningKey(alice, "master", master, null))
                    .add(
                        "self_signing_key",
                        crossSigningKey(alice, "self_signing", selfSigning.publicKey(), master))
                    .build())
            .status());
    JsonObject device = Calls.deviceKeys(alice).build();
    assertEquals(
        200,
        call(
                alice,
                "POST",
                "/keys/upload",
                Json.createObjectBuilder().add("device_keys", device).build())
            .status());
    return device;
  }
}
