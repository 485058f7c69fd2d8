// A real end-to-end encrypted chat with matrix-js-sdk's Rust crypto (matrix-sdk-crypto-wasm):
// alice and bob upload device, one-time and fallback keys and cross-signing keys, chat in an
// m.room.encryption room and each decrypts the other's messages (Olm sessions from /keys/claim,
// Megolm room keys as to-device messages). Alice backs her room keys up on the server. A third
// device of alice then logs in: it decrypts the earlier messages from the key backup and a new
// message of bob through to-device key sharing (bob learns of the device from device_lists in
// /sync). Finally, on the PostgreSQL pass, a full data dump of the schema must not contain any
// of the plaintexts, while a control message sent in an unencrypted room must be found.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import * as sdk from "matrix-js-sdk";
import { logger } from "matrix-js-sdk/lib/logger.js";
import { registerWithToken, uniqueName } from "../lib/server.mjs";
import { startedClient, waitFor } from "../lib/clients.mjs";

const waitUntil = (predicate, what, timeoutMs = 90_000) => waitFor(predicate, what, timeoutMs, 50);

const PASSWORD = "correct horse battery";

// the Rust crypto's debug output would bury the scenario's report
logger.setLevel("warn");

async function started(client) {
  await client.initRustCrypto({ useIndexedDB: false });
  return startedClient(client);
}

async function login(baseUrl, userId) {
  const response = await fetch(`${baseUrl}/_matrix/client/v3/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: userId },
      password: PASSWORD,
      initial_device_display_name: "third device",
    }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  const session = await response.json();
  return sdk.createClient({ baseUrl, userId: session.user_id, deviceId: session.device_id, accessToken: session.access_token });
}

/** Cross-signing as Element sets it up; the first upload needs no password (spec v1.11). */
async function crossSign(client) {
  await client.getCrypto().bootstrapCrossSigning({
    authUploadDeviceSigningKeys: async (makeRequest) => {
      await makeRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: client.getUserId() }, password: PASSWORD });
    },
  });
  const status = await client.getCrypto().getCrossSigningStatus();
  assert.ok(status.publicKeysOnDevice && status.privateKeysInSecretStorage === false, JSON.stringify(status));
}

/** Bodies of the decrypted m.room.message events from {@code sender} in the client's view of the room. */
function decryptedBodies(client, roomId, sender) {
  const room = client.getRoom(roomId);
  if (!room) return [];
  return room
    .getLiveTimeline()
    .getEvents()
    .filter((e) => e.getSender() === sender && e.isEncrypted() && e.getType() === "m.room.message" && !e.isDecryptionFailure())
    .map((e) => e.getContent().body);
}

/** Everything stored in the test schema, as pg_dump writes it (every table, every column). */
function databaseDump() {
  const url = new URL(process.env.TIM_IT_POSTGRESQL_URL.replace(/^jdbc:/, ""));
  const schema = url.searchParams.get("currentSchema");
  const result = spawnSync(
    "pg_dump",
    ["-h", url.hostname, "-p", url.port || "5432", "-U", process.env.TIM_IT_POSTGRESQL_USER, "-d", url.pathname.slice(1), "-n", schema, "--data-only"],
    { encoding: "utf8", maxBuffer: 1024 * 1024 * 1024 },
  );
  assert.equal(result.status, 0, `pg_dump failed: ${result.stderr}`);
  return result.stdout;
}

export default async function ({ baseUrl }) {
  const secret = randomBytes(6).toString("hex");
  const alice = await registerWithToken(baseUrl, uniqueName("alice"), PASSWORD);
  const bob = await registerWithToken(baseUrl, uniqueName("bob"), PASSWORD);
  const clients = [alice, bob];
  bob.on(sdk.RoomMemberEvent.Membership, (event, member) => {
    if (member.membership === "invite" && member.userId === bob.getUserId()) {
      bob.joinRoom(member.roomId).catch((e) => console.error("join failed", e));
    }
  });
  try {
    await Promise.all([started(alice), started(bob)]);
    await crossSign(alice);
    await crossSign(bob);

    // alice's room keys go to the server's key backup as she creates them
    await alice.getCrypto().resetKeyBackup();
    const backupVersion = await alice.getCrypto().getActiveSessionBackupVersion();
    assert.ok(backupVersion, "alice's key backup is active");

    const { room_id: roomId } = await alice.createRoom({
      preset: "trusted_private_chat",
      is_direct: true,
      invite: [bob.getUserId()],
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    await waitUntil(() => alice.getRoom(roomId)?.getMember(bob.getUserId())?.membership === "join", "bob to join");
    await waitUntil(() => bob.getRoom(roomId)?.hasEncryptionStateEvent(), "bob to see the encryption state");

    const fromAlice = [1, 2, 3].map((i) => `Befund ${i} von Alice ${secret}`);
    const fromBob = [1, 2, 3].map((i) => `Antwort ${i} von Bob ${secret}`);
    for (let i = 0; i < fromAlice.length; i++) {
      await alice.sendTextMessage(roomId, fromAlice[i]);
      await bob.sendTextMessage(roomId, fromBob[i]);
    }
    await waitUntil(() => decryptedBodies(bob, roomId, alice.getUserId()).length >= fromAlice.length, "bob to decrypt alice's messages");
    await waitUntil(() => decryptedBodies(alice, roomId, bob.getUserId()).length >= fromBob.length, "alice to decrypt bob's messages");
    assert.deepEqual(decryptedBodies(bob, roomId, alice.getUserId()), fromAlice);
    assert.deepEqual(decryptedBodies(alice, roomId, bob.getUserId()), fromBob);

    // bob's own messages are in alice's backup too once she has received them; wait until the
    // backup holds every session (one Megolm session per sender here)
    await waitUntil(
      async () => (await alice.http.authedRequest(sdk.Method.Get, "/room_keys/version")).count >= 2,
      "alice's backup to hold both sessions",
    );

    // a third device of alice: the old messages come from the key backup ...
    const third = await login(baseUrl, alice.getUserId());
    clients.push(third);
    await started(third);
    const backupKey = await alice.getCrypto().getSessionBackupPrivateKey();
    assert.ok(backupKey, "alice has the backup decryption key");
    await third.getCrypto().storeSessionBackupPrivateKey(backupKey, backupVersion);
    const restored = await third.getCrypto().restoreKeyBackup();
    assert.ok(restored.imported >= 2, `restored ${JSON.stringify(restored)}`);
    await waitUntil(() => decryptedBodies(third, roomId, bob.getUserId()).length >= fromBob.length, "the third device to decrypt bob's earlier messages from the backup");
    assert.deepEqual(decryptedBodies(third, roomId, bob.getUserId()), fromBob);
    assert.deepEqual(decryptedBodies(third, roomId, alice.getUserId()), fromAlice);

    // ... and a new message reaches it through to-device key sharing: bob's client learns of the
    // new device from device_lists.changed, claims a one-time key and sends it the room key
    await waitUntil(
      async () => (await bob.getCrypto().getUserDeviceInfo([alice.getUserId()], true)).get(alice.getUserId())?.has(third.getDeviceId()),
      "bob to see alice's third device",
    );
    const late = `Nachtrag von Bob ${secret}`;
    await bob.sendTextMessage(roomId, late);
    await waitUntil(() => decryptedBodies(third, roomId, bob.getUserId()).includes(late), "the third device to decrypt bob's new message");
    await waitUntil(() => decryptedBodies(alice, roomId, bob.getUserId()).includes(late), "alice's first device to decrypt it");

    // logging the third device out removes its keys: bob's client sees the device go
    await third.logout(true);
    clients.pop();
    await waitUntil(
      async () => !(await bob.getCrypto().getUserDeviceInfo([alice.getUserId()], true)).get(alice.getUserId())?.has(third.getDeviceId()),
      "bob to see the third device removed",
    );

    // the server only ever relayed ciphertext
    const control = `Unverschluesselte Kontrolle ${secret}`;
    const { room_id: plainRoom } = await alice.createRoom({ preset: "private_chat" });
    await alice.sendTextMessage(plainRoom, control);
    if (process.env.TIM_IT_DB === "postgresql") {
      const dump = databaseDump();
      assert.ok(dump.includes(control), "the dump must contain the unencrypted control message (else the scan proves nothing)");
      for (const plaintext of [...fromAlice, ...fromBob, late]) {
        assert.ok(!dump.includes(plaintext), `plaintext "${plaintext}" found in the database`);
      }
      assert.ok(!dump.includes(`von Alice ${secret}`) && !dump.includes(`von Bob ${secret}`), "no fragment of a plaintext in the database");
      console.log(`     e2ee: database dump of ${dump.length} characters holds none of the ${fromAlice.length + fromBob.length + 1} plaintexts`);
    } else {
      console.log("     e2ee: the database plaintext scan runs on the PostgreSQL pass");
    }
  } finally {
    for (const client of clients) client.stopClient();
  }
}
