// A stock matrix-js-sdk client that lazy-loads members (startClient({ lazyLoadMembers: true })) in a
// room of five where three have spoken: its first sync brings the member events of the speakers, so
// it shows their display names, and the summary's member count, but not the silent member; her
// first message brings her member event along; loading the member list (/members) brings everyone.
import assert from "node:assert/strict";
import { registerWithToken, uniqueName } from "../lib/server.mjs";
import { startedClient, waitFor } from "../lib/clients.mjs";

const NAMES = {
  alice: "Dr. Alice Arzt",
  bob: "Bob Pfleger",
  carol: "Carol Apothekerin",
  dave: "Dave Stationsleitung",
  erin: "Erin Therapeutin",
};

export default async function ({ baseUrl }) {
  const password = "correct horse battery";
  const clients = {};
  for (const [key, name] of Object.entries(NAMES)) {
    clients[key] = await registerWithToken(baseUrl, uniqueName(key), password);
    await clients[key].setDisplayName(name);
  }
  const { alice, bob, carol, dave, erin } = clients;
  const nameOf = Object.fromEntries(Object.entries(NAMES).map(([key, name]) => [clients[key].getUserId(), name]));

  const { room_id: roomId } = await alice.createRoom({
    name: "Stationsvisite",
    preset: "private_chat",
    invite: [bob, carol, dave, erin].map((c) => c.getUserId()),
  });
  for (const member of [bob, carol, dave, erin]) {
    await member.joinRoom(roomId);
  }
  await alice.sendTextMessage(roomId, "Visite um 10 Uhr");
  await bob.sendTextMessage(roomId, "Zimmer 3 ist fertig");
  await carol.sendTextMessage(roomId, "Medikation liegt bereit");

  try {
    // dave reads; his timeline holds the three messages, the joins lie before it
    await startedClient(dave, { initialSyncLimit: 3, lazyLoadMembers: true });
    await waitFor(() => dave.getRoom(roomId)?.getLiveTimeline().getEvents().length >= 3, "dave's room");
    const room = dave.getRoom(roomId);

    const shown = () =>
      room
        .getLiveTimeline()
        .getEvents()
        .filter((e) => e.getType() === "m.room.message")
        .map((e) => `${e.sender?.name}: ${e.getContent().body}`);
    assert.deepEqual(shown(), [
      `${NAMES.alice}: Visite um 10 Uhr`,
      `${NAMES.bob}: Zimmer 3 ist fertig`,
      `${NAMES.carol}: Medikation liegt bereit`,
    ]);
    for (const speaker of [alice, bob, carol, dave]) {
      assert.equal(room.getMember(speaker.getUserId())?.name, nameOf[speaker.getUserId()], "a member the sync sent");
    }
    // erin has not spoken: her member event was left out, yet the summary counts her
    assert.equal(room.getMember(erin.getUserId()), null, "the silent member was lazy-loaded, not sent");
    assert.equal(room.getJoinedMemberCount(), 5, "m.joined_member_count of the summary");
    assert.equal(room.name, "Stationsvisite");

    // her first message comes with her member event, so the client names her at once
    await erin.sendTextMessage(roomId, "Ich komme nach der Visite");
    await waitFor(() => shown().length === 4, "erin's message at dave");
    assert.equal(shown()[3], `${NAMES.erin}: Ich komme nach der Visite`);

    // the member list on demand: /members (at the last sync token) brings all five
    await room.loadMembersIfNeeded();
    assert.deepEqual(
      room
        .getJoinedMembers()
        .map((m) => m.name)
        .sort(),
      Object.values(NAMES).sort(),
    );
    assert.equal(room.getMember(alice.getUserId()).membership, "join");
  } finally {
    dave.stopClient();
  }
}
