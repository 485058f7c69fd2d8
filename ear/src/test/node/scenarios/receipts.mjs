// Receipts, unread counts and muting with two stock matrix-js-sdk clients in a direct chat:
// bob's badge rises with alice's messages and highlights a mention; his read receipt gives alice
// her "read" tick and clears his counts; once bob mutes the room the way Element does (an override
// rule on the room ID without actions) nothing counts, not even a mention; his private receipt
// never reaches alice.
import assert from "node:assert/strict";
import * as sdk from "matrix-js-sdk";
import { registerWithToken, uniqueName } from "../lib/server.mjs";
import { startedClient, waitFor } from "../lib/clients.mjs";

const waitUntil = (predicate, what, timeoutMs = 30_000) => waitFor(predicate, what, timeoutMs);
const started = (client) => startedClient(client, { initialSyncLimit: 50 });

/** The server's own figures for the room, from a fresh /sync outside the client's state. */
async function serverCounts(baseUrl, client, roomId) {
  const response = await fetch(`${baseUrl}/_matrix/client/v3/sync?timeout=0`, {
    headers: { Authorization: `Bearer ${client.getAccessToken()}` },
  });
  assert.equal(response.status, 200);
  return (await response.json()).rooms.join[roomId].unread_notifications;
}

export default async function ({ baseUrl }) {
  const password = "correct horse battery";
  const alice = await registerWithToken(baseUrl, uniqueName("rcpt-alice"), password);
  const bob = await registerWithToken(baseUrl, uniqueName("rcpt-bob"), password);
  const bobId = bob.getUserId();

  // every m.receipt alice's client is given, to prove bob's private receipt is not among them
  const receiptsSeenByAlice = [];
  alice.on(sdk.RoomEvent.Receipt, (event) => receiptsSeenByAlice.push(event.getContent()));
  bob.on(sdk.RoomMemberEvent.Membership, (event, member) => {
    if (member.membership === "invite" && member.userId === bobId) {
      bob.joinRoom(member.roomId).catch((e) => console.error("join failed", e));
    }
  });

  try {
    await Promise.all([started(alice), started(bob)]);
    const { room_id: roomId } = await alice.createRoom({
      is_direct: true,
      preset: "trusted_private_chat",
      invite: [bobId],
    });
    await waitUntil(() => alice.getRoom(roomId)?.getMember(bobId)?.membership === "join", "bob to join");
    await waitUntil(() => bob.getRoom(roomId)?.getMyMembership() === "join", "bob's client to see the room");
    const bobRoom = () => bob.getRoom(roomId);
    const total = () => bobRoom().getUnreadNotificationCount(sdk.NotificationCountType.Total);
    const highlights = () => bobRoom().getUnreadNotificationCount(sdk.NotificationCountType.Highlight);
    const lastFromAlice = () =>
      bobRoom()
        .getLiveTimeline()
        .getEvents()
        .filter((e) => e.getSender() === alice.getUserId() && e.getType() === "m.room.message")
        .at(-1);

    // 1. the badge rises with each message
    for (let i = 1; i <= 3; i++) {
      await alice.sendTextMessage(roomId, `Befund ${i}`);
      await waitUntil(() => total() === i, `bob's unread count to reach ${i} (is ${total()})`);
    }
    assert.equal(highlights(), 0, "plain messages are no highlight");

    // 2. a mention (m.mentions) highlights
    await alice.sendMessage(roomId, {
      msgtype: "m.text",
      body: `${bob.getUser(bobId)?.displayName ?? "Bob"}: bitte ansehen`,
      "m.mentions": { user_ids: [bobId] },
    });
    await waitUntil(() => total() === 4 && highlights() === 1, `a highlight (total ${total()}, highlights ${highlights()})`);
    assert.deepEqual(await serverCounts(baseUrl, bob, roomId), { notification_count: 4, highlight_count: 1 });

    // 3. bob reads: alice's client shows bob at the last message (the "read" tick), bob's counts drop
    await waitUntil(() => lastFromAlice()?.getContent()["m.mentions"], "bob's client to have the mention");
    const mention = lastFromAlice();
    await bob.sendReadReceipt(mention);
    await waitUntil(
      () => alice.getRoom(roomId).getUsersReadUpTo(alice.getRoom(roomId).findEventById(mention.getId())).includes(bobId),
      "alice to see bob's read receipt",
    );
    assert.ok(
      receiptsSeenByAlice.some((c) => c[mention.getId()]?.["m.read"]?.[bobId]),
      "the receipt arrived as m.receipt through /sync",
    );
    await waitUntil(() => total() === 0 && highlights() === 0, "bob's counts to drop to 0");
    assert.deepEqual(await serverCounts(baseUrl, bob, roomId), { notification_count: 0, highlight_count: 0 });

    // 4. bob mutes the room as Element does
    await bob.addPushRule("global", sdk.PushRuleKind.Override, roomId, {
      conditions: [{ kind: sdk.ConditionKind.EventMatch, key: "room_id", pattern: roomId }],
      actions: [],
    });
    await waitUntil(
      () => bob.pushRules?.global?.override?.some((r) => r.rule_id === roomId),
      "bob's client to learn the new rule through m.push_rules",
    );
    await alice.sendTextMessage(roomId, "noch eine Frage");
    await alice.sendMessage(roomId, {
      msgtype: "m.text",
      body: "Bob, dringend!",
      "m.mentions": { user_ids: [bobId] },
    });
    await waitUntil(() => lastFromAlice()?.getContent().body === "Bob, dringend!", "bob to receive the muted messages");
    assert.equal(total(), 0, "a muted room has no unread notifications");
    assert.equal(highlights(), 0, "not even a mention highlights in a muted room");
    assert.deepEqual(await serverCounts(baseUrl, bob, roomId), { notification_count: 0, highlight_count: 0 });

    // 5. a private receipt is bob's alone
    const privatelyRead = lastFromAlice();
    await bob.sendReadReceipt(privatelyRead, sdk.ReceiptType.ReadPrivate);
    // a later message from bob is the marker: once alice has it, her sync is past the private receipt
    await bob.sendTextMessage(roomId, "gelesen");
    await waitUntil(
      () => alice.getRoom(roomId).getLiveTimeline().getEvents().some((e) => e.getContent().body === "gelesen"),
      "alice to receive bob's message",
    );
    const leaked = receiptsSeenByAlice.filter(
      (c) => JSON.stringify(c).includes("m.read.private") || c[privatelyRead.getId()],
    );
    assert.deepEqual(leaked, [], "alice never gets bob's private receipt");
    const ownView = await fetch(`${baseUrl}/_matrix/client/v3/sync?timeout=0`, {
      headers: { Authorization: `Bearer ${bob.getAccessToken()}` },
    }).then((r) => r.json());
    const ownReceipts = JSON.stringify(ownView.rooms.join[roomId].ephemeral.events);
    assert.ok(ownReceipts.includes("m.read.private") && ownReceipts.includes(privatelyRead.getId()), ownReceipts);
  } finally {
    alice.stopClient();
    bob.stopClient();
  }
}
