// Two stock matrix-js-sdk clients with their sync loops running: a direct chat is created, the
// invitee joins, 200 messages go each way and each side sees all of the other's in order through
// /sync; history pages back through /messages; the TI-M 4000-character rule is enforced.
import assert from "node:assert/strict";
import * as sdk from "matrix-js-sdk";
import { registerWithToken, uniqueName } from "../lib/server.mjs";
import { startedClient, waitFor } from "../lib/clients.mjs";

const waitUntil = (predicate, what, timeoutMs = 60_000) => waitFor(predicate, what, timeoutMs);
// a timeline limit above the conversation's length: a slow machine may let many messages pile up
// between two syncs, and a "limited" timeline would hand the gap to pagination, not to the live timeline
const started = (client) => startedClient(client, { initialSyncLimit: 500 });

const COUNT = 200;

export default async function ({ baseUrl }) {
  const password = "correct horse battery";
  const alice = await registerWithToken(baseUrl, uniqueName("alice"), password);
  const bob = await registerWithToken(baseUrl, uniqueName("bob"), password);

  const received = { [alice.getUserId()]: [], [bob.getUserId()]: [] };
  for (const [me, other] of [[alice, bob], [bob, alice]]) {
    me.on(sdk.RoomEvent.Timeline, (event, room, toStartOfTimeline) => {
      if (!toStartOfTimeline && event.getType() === "m.room.message" && event.getSender() === other.getUserId()) {
        received[me.getUserId()].push(event.getContent().body);
      }
    });
  }
  bob.on(sdk.RoomMemberEvent.Membership, (event, member) => {
    if (member.membership === "invite" && member.userId === bob.getUserId()) {
      bob.joinRoom(member.roomId).catch((e) => console.error("join failed", e));
    }
  });

  try {
    await Promise.all([started(alice), started(bob)]);
    const { room_id: roomId } = await alice.createRoom({
      is_direct: true,
      preset: "trusted_private_chat",
      invite: [bob.getUserId()],
      name: "Befundbesprechung",
    });
    await waitUntil(() => alice.getRoom(roomId)?.getMember(bob.getUserId())?.membership === "join", "bob to join");

    const expected = [];
    for (let i = 0; i < COUNT; i++) {
      expected.push(`message ${i}`);
      await alice.sendTextMessage(roomId, `message ${i}`);
      await bob.sendTextMessage(roomId, `message ${i}`);
    }
    await waitUntil(
      () => received[alice.getUserId()].length >= COUNT && received[bob.getUserId()].length >= COUNT,
      "both sides to receive all messages",
    );
    assert.deepEqual(received[bob.getUserId()], expected, "bob sees alice's messages in order");
    assert.deepEqual(received[alice.getUserId()], expected, "alice sees bob's messages in order");

    // history: bob pages back through /messages and finds all 400 in reverse order
    const history = [];
    let from = null;
    for (let page = 0; page < 100; page++) {
      const res = await bob.createMessagesRequest(roomId, from, 50, sdk.Direction.Backward);
      for (const event of res.chunk) {
        if (event.type === "m.room.message") history.push(`${event.sender === alice.getUserId() ? "a" : "b"}:${event.content.body}`);
      }
      if (!res.end || res.chunk.length === 0) break;
      from = res.end;
    }
    const interleaved = expected.flatMap((body) => [`a:${body}`, `b:${body}`]).reverse();
    assert.deepEqual(history, interleaved, "/messages pages back through the whole conversation");

    // a new display name reaches the other member through the room's member event
    await alice.setDisplayName("Dr. Alice Arzt");
    await waitUntil(() => bob.getRoom(roomId)?.getMember(alice.getUserId())?.name === "Dr. Alice Arzt", "alice's new name at bob", 20_000);

    // TI-M: 4000 characters pass, 4001 are refused and the sender's client is told
    await alice.sendTextMessage(roomId, "x".repeat(4000));
    const refused = await alice.sendTextMessage(roomId, "x".repeat(4001)).then(() => null, (e) => e);
    assert.ok(refused, "a 4001-character message must be refused");
    assert.equal(refused.errcode, "M_TOO_LARGE");
    assert.equal(refused.httpStatus, 413);
  } finally {
    alice.stopClient();
    bob.stopClient();
  }
}
