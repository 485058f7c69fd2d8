// Chat features with stock matrix-js-sdk clients: typing notices (and the TI-M switch that hides
// them), presence (and the switch that hides it), ignoring a user (messages and invites gone from
// the raw /sync), m.marked_unread reaching a second device, and the TI-M chat export of an
// unencrypted room (JSON in order, HTML escaped) with the refusal for an encrypted one.
import assert from "node:assert/strict";
import * as sdk from "matrix-js-sdk";
import { registerWithToken, uniqueName } from "../lib/server.mjs";
import { startedClient, waitFor } from "../lib/clients.mjs";

const waitUntil = (predicate, what, timeoutMs = 30_000) => waitFor(predicate, what, timeoutMs);
const started = (client) => startedClient(client, { initialSyncLimit: 50 });

/** A raw /sync as the client's user (no client-side filtering in between). */
async function rawSync(baseUrl, client) {
  const response = await fetch(`${baseUrl}/_matrix/client/v3/sync?set_presence=offline`, {
    headers: { Authorization: `Bearer ${client.getAccessToken()}` },
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

function autoJoin(client) {
  client.on(sdk.RoomMemberEvent.Membership, (event, member) => {
    if (member.membership === "invite" && member.userId === client.getUserId()) {
      client.joinRoom(member.roomId).catch((e) => console.error("join failed", e));
    }
  });
}

function bodiesFrom(client, roomId, sender) {
  const room = client.getRoom(roomId);
  if (!room) return [];
  return room
    .getLiveTimeline()
    .getEvents()
    .filter((e) => e.getType() === "m.room.message" && e.getSender() === sender)
    .map((e) => e.getContent().body);
}

export default async function ({ baseUrl }) {
  const password = "correct horse battery";
  const aliceName = uniqueName("alice");
  const alice = await registerWithToken(baseUrl, aliceName, password);
  const bob = await registerWithToken(baseUrl, uniqueName("bob"), password);
  const carol = await registerWithToken(baseUrl, uniqueName("carol"), password);
  const dave = await registerWithToken(baseUrl, uniqueName("dave"), password);
  // carol hides her presence before her client ever syncs
  await carol.setAccountData("de.timkim.presence", { visible: false });

  const typingSeenByAlice = new Set();
  alice.on(sdk.RoomMemberEvent.Typing, (event, member) => {
    if (member.typing) typingSeenByAlice.add(member.userId);
  });
  const presenceSeenByAlice = {};
  alice.on(sdk.UserEvent.Presence, (event, user) => {
    if (event) presenceSeenByAlice[user.userId] = event.getContent().presence;
  });
  for (const client of [bob, carol, dave]) autoJoin(client);

  const clients = [alice, bob, carol, dave];
  let aliceSecondDevice;
  try {
    await Promise.all(clients.map(started));
    const { room_id: roomId } = await alice.createRoom({
      preset: "private_chat",
      name: "Stationsbesprechung",
      invite: [bob.getUserId(), carol.getUserId(), dave.getUserId()],
    });
    for (const member of [bob, carol, dave]) {
      await waitUntil(
        () => alice.getRoom(roomId)?.getMember(member.getUserId())?.membership === "join",
        `${member.getUserId()} to join`,
      );
    }

    // typing: bob sees alice type, and stop
    await alice.sendTyping(roomId, true, 20_000);
    await waitUntil(() => bob.getRoom(roomId)?.getMember(alice.getUserId())?.typing === true, "alice typing at bob");
    await alice.sendTyping(roomId, false);
    await waitUntil(() => bob.getRoom(roomId)?.getMember(alice.getUserId())?.typing === false, "alice stopped at bob");

    // hidden typing: bob switches typing notifications off, types, then sends a message; alice gets
    // the message but never saw bob typing (a visible notice would have come first)
    await bob.setAccountData("de.timkim.typing_notifications", { enabled: false });
    await bob.sendTyping(roomId, true, 20_000);
    await bob.sendTextMessage(roomId, "after hidden typing");
    await waitUntil(() => bodiesFrom(alice, roomId, bob.getUserId()).includes("after hidden typing"), "bob's message at alice");
    assert.ok(!typingSeenByAlice.has(bob.getUserId()), "bob's hidden typing must not reach alice");

    // presence: bob's syncing client is online for alice; carol (hidden) never is
    await waitUntil(() => alice.getUser(bob.getUserId())?.presence === "online", "bob online at alice");
    await carol.sendTextMessage(roomId, "carol was here");
    await waitUntil(() => bodiesFrom(alice, roomId, carol.getUserId()).includes("carol was here"), "carol's message at alice");
    assert.notEqual(presenceSeenByAlice[carol.getUserId()], "online", "carol's hidden presence must not reach alice");
    const carolStatus = await alice.getPresence(carol.getUserId());
    assert.equal(carolStatus.presence, "offline", "hidden presence reads as offline");
    assert.equal(carolStatus.last_active_ago, undefined);
    await bob.setPresence({ presence: "unavailable", status_msg: "im OP" });
    await waitUntil(() => alice.getUser(bob.getUserId())?.presenceStatusMsg === "im OP", "bob's status message at alice");

    // ignoring: alice ignores dave; his later messages and his invite are not in alice's /sync
    await alice.setIgnoredUsers([dave.getUserId()]);
    await waitUntil(() => alice.isUserIgnored(dave.getUserId()), "the ignore list to sync back");
    const daveText = `dave ${Date.now()}`;
    await dave.sendTextMessage(roomId, daveText);
    const { room_id: daveRoom } = await dave.createRoom({ preset: "private_chat", invite: [alice.getUserId()] });
    const { room_id: bobRoom } = await bob.createRoom({ preset: "private_chat", invite: [alice.getUserId()] });
    await bob.sendTextMessage(roomId, "after dave");
    await waitUntil(() => bodiesFrom(alice, roomId, bob.getUserId()).includes("after dave"), "bob's later message at alice");
    const raw = await rawSync(baseUrl, alice);
    const timeline = raw.rooms.join[roomId].timeline.events;
    assert.ok(timeline.some((e) => e.content?.body === "after dave"), "the raw sync has bob's message");
    assert.ok(!timeline.some((e) => e.sender === dave.getUserId() && e.type === "m.room.message"), "no message of dave in alice's raw sync");
    assert.ok(timeline.some((e) => e.sender === dave.getUserId() && e.type === "m.room.member"), "dave's state events stay");
    assert.ok(raw.rooms.invite[bobRoom], "bob's invite is there");
    assert.ok(!raw.rooms.invite[daveRoom], "dave's invite is not shown to alice");
    const history = await alice.createMessagesRequest(roomId, null, 50, sdk.Direction.Backward);
    assert.ok(!history.chunk.some((e) => e.content?.body === daveText), "no message of dave in /messages");

    // marked unread on one device reaches alice's second device
    const login = await sdk.createClient({ baseUrl }).loginRequest({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: aliceName },
      password,
      initial_device_display_name: "second device",
    });
    aliceSecondDevice = sdk.createClient({ baseUrl, userId: login.user_id, deviceId: login.device_id, accessToken: login.access_token });
    await started(aliceSecondDevice);
    await alice.setRoomAccountData(roomId, "m.marked_unread", { unread: true });
    await alice.setRoomAccountData(roomId, "com.famedly.marked_unread", { unread: true });
    await waitUntil(
      () =>
        aliceSecondDevice.getRoom(roomId)?.getAccountData("m.marked_unread")?.getContent().unread === true &&
        aliceSecondDevice.getRoom(roomId)?.getAccountData("com.famedly.marked_unread")?.getContent().unread === true,
      "marked_unread on the second device",
    );
    await alice.setRoomAccountData(roomId, "m.marked_unread", { unread: false });
    await waitUntil(
      () => aliceSecondDevice.getRoom(roomId)?.getAccountData("m.marked_unread")?.getContent().unread === false,
      "marked_unread cleared on the second device",
    );

    // export of the unencrypted room: the messages in order as JSON; HTML escaped, deletions shown
    const exported = [];
    for (let i = 0; i < 5; i++) {
      exported.push(`Befund ${i}`);
      await alice.sendTextMessage(roomId, `Befund ${i}`);
    }
    const tricky = `<script>alert("x")</script> & 'Dosis' > 5`;
    await bob.sendTextMessage(roomId, tricky);
    const { event_id: deleted } = await bob.sendTextMessage(roomId, "wird gelöscht");
    await bob.redactEvent(roomId, deleted);
    const authorization = { Authorization: `Bearer ${alice.getAccessToken()}` };
    const exportUrl = `${baseUrl}/_tim/v1/rooms/${encodeURIComponent(roomId)}/export`;
    const json = await fetch(`${exportUrl}?format=json`, { headers: authorization });
    assert.equal(json.status, 200, await json.clone().text());
    assert.match(json.headers.get("content-disposition"), /^attachment; filename="chat-export-.*\.json"$/);
    const file = await json.json();
    assert.equal(file.room_id, roomId);
    const aliceBodies = file.events
      .filter((e) => e.type === "m.room.message" && e.sender === alice.getUserId())
      .map((e) => e.content.body);
    assert.deepEqual(aliceBodies.filter((b) => b.startsWith("Befund")), exported, "the export holds alice's messages in order");
    const order = file.events.map((e) => e.origin_server_ts);
    assert.deepEqual(order, [...order].sort((a, b) => a - b), "oldest first");
    assert.ok(!file.events.some((e) => e.content?.body === daveText), "alice's export leaves out whom she ignores");
    const redacted = file.events.find((e) => e.event_id === deleted);
    assert.ok(redacted && redacted.content.body === undefined && redacted.unsigned.redacted_because, "the deleted message is stripped");

    const html = await fetch(`${exportUrl}?format=html`, { headers: authorization });
    assert.equal(html.status, 200);
    assert.match(html.headers.get("content-type"), /^text\/html/);
    assert.match(html.headers.get("content-disposition"), /^attachment; filename="chat-export-.*\.html"$/);
    const page = await html.text();
    assert.ok(page.includes("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;Dosis&#39; &gt; 5"), "the HTML export escapes message text");
    assert.ok(!page.includes("<script>"), "no markup from messages gets through");
    assert.ok(page.includes("Befund 4") && page.includes("Stationsbesprechung"));
    assert.ok(page.includes("(Nachricht gelöscht)") && !page.includes("wird gelöscht"), "the deleted message is shown as deleted");
    assert.ok(page.indexOf("Befund 0") < page.indexOf("Befund 4"));

    // an encrypted room is refused with an explanation
    const { room_id: encrypted } = await alice.createRoom({
      preset: "private_chat",
      initial_state: [{ type: "m.room.encryption", state_key: "", content: { algorithm: "m.megolm.v1.aes-sha2" } }],
    });
    const refused = await fetch(`${baseUrl}/_tim/v1/rooms/${encodeURIComponent(encrypted)}/export?format=html`, { headers: authorization });
    assert.equal(refused.status, 403);
    const error = await refused.json();
    assert.equal(error.errcode, "M_FORBIDDEN");
    assert.match(error.error, /encrypted/);
  } finally {
    for (const client of clients) client.stopClient();
    aliceSecondDevice?.stopClient();
  }
}
