// One pass through the Client-Server endpoints the other scenarios leave out, with a stock
// matrix-js-sdk client (its own methods where it has them, its HTTP layer where not). Each step
// checks what it gets; run.mjs also checks every answer against the spec's OpenAPI definitions.
import assert from "node:assert/strict";
import { Method } from "matrix-js-sdk";
import { registerWithToken, uniqueName } from "../lib/server.mjs";

const PASSWORD = "tour password 1";

export default async function ({ baseUrl }) {
  const alice = await registerWithToken(baseUrl, uniqueName("tour-a"), PASSWORD);
  const bob = await registerWithToken(baseUrl, uniqueName("tour-b"), PASSWORD);
  const me = alice.getUserId();
  const api = (client, method, path, body, query) => client.http.authedRequest(method, path, query, body);
  const v1 = (client, method, path, query) =>
    client.http.authedRequest(method, path, query, undefined, { prefix: "/_matrix/client/v1" });

  // discovery, capabilities, login flows, the server's signing keys
  assert.ok((await alice.getCapabilities())["m.change_password"] !== undefined);
  assert.ok((await alice.loginFlows()).flows.some((f) => f.type === "m.login.password"));
  const keys = await fetch(`${baseUrl}/_matrix/key/v2/server`).then((r) => r.json());
  assert.ok(Object.keys(keys.verify_keys).length > 0);

  // profile
  await alice.setDisplayName("Tour Alice");
  await alice.setAvatarUrl("mxc://localhost/tourAvatar");
  const profile = await bob.getProfileInfo(me);
  assert.equal(profile.displayname, "Tour Alice");
  assert.equal((await bob.getProfileInfo(me, "displayname")).displayname, "Tour Alice");
  assert.equal((await bob.getProfileInfo(me, "avatar_url")).avatar_url, "mxc://localhost/tourAvatar");

  // no third-party identifiers: TI-M accounts come from the organisation
  assert.deepEqual((await alice.getThreePids()).threepids, []);

  // devices
  const devices = (await alice.getDevices()).devices;
  assert.equal(devices.length, 1);
  await alice.setDeviceDetails(alice.getDeviceId(), { display_name: "tour laptop" });
  assert.equal((await alice.getDevice(alice.getDeviceId())).display_name, "tour laptop");

  // filters, account data
  const filterId = (await api(alice, Method.Post, `/user/${encodeURIComponent(me)}/filter`, { room: { timeline: { limit: 5 } } })).filter_id;
  assert.equal((await api(alice, Method.Get, `/user/${encodeURIComponent(me)}/filter/${filterId}`)).room.timeline.limit, 5);
  await alice.setAccountData("org.example.tour", { step: 1 });
  assert.equal((await alice.getAccountDataFromServer("org.example.tour")).step, 1);

  // a room with state, aliases, directory visibility
  const { room_id: roomId } = await alice.createRoom({ preset: "private_chat", name: "Tour", topic: "spec tour", invite: [bob.getUserId()] });
  await bob.joinRoom(roomId);
  assert.ok((await alice.getJoinedRooms()).joined_rooms.includes(roomId));
  // presence, which only people sharing a room see
  await alice.setPresence({ presence: "online", status_msg: "on the ward" });
  assert.equal((await bob.getPresence(me)).presence, "online");
  assert.equal(Object.keys((await alice.getJoinedRoomMembers(roomId)).joined).length, 2);
  const members = await api(alice, Method.Get, `/rooms/${encodeURIComponent(roomId)}/members`);
  assert.equal(members.chunk.length, 2);
  const state = await api(alice, Method.Get, `/rooms/${encodeURIComponent(roomId)}/state`);
  assert.ok(state.some((e) => e.type === "m.room.create"));
  assert.equal((await alice.getStateEvent(roomId, "m.room.topic", "")).topic, "spec tour");
  await alice.sendStateEvent(roomId, "m.room.name", { name: "Tour 2" }, "");
  assert.equal((await api(bob, Method.Get, `/rooms/${encodeURIComponent(roomId)}/state/m.room.name`)).name, "Tour 2");
  const server = me.split(":").slice(1).join(":");
  const alias = `#${uniqueName("tour")}:${server}`;
  await alice.createAlias(alias, roomId);
  assert.equal((await bob.getRoomIdForAlias(alias)).room_id, roomId);
  assert.deepEqual((await alice.getLocalAliases(roomId)).aliases, [alias]);
  await alice.deleteAlias(alias);
  assert.deepEqual((await alice.getLocalAliases(roomId)).aliases, []);
  await alice.setRoomDirectoryVisibility(roomId, "private");
  assert.equal((await alice.getRoomDirectoryVisibility(roomId)).visibility, "private");
  await alice.setRoomAccountData(roomId, "org.example.tour.room", { room: true });
  assert.equal((await api(alice, Method.Get, `/user/${encodeURIComponent(me)}/rooms/${encodeURIComponent(roomId)}/account_data/org.example.tour.room`)).room, true);

  // room tags (Element's favourites)
  await alice.setRoomTag(roomId, "m.favourite", { order: 0.5 });
  assert.equal((await alice.getRoomTags(roomId)).tags["m.favourite"].order, 0.5);
  await alice.deleteRoomTag(roomId, "m.favourite");
  assert.deepEqual((await alice.getRoomTags(roomId)).tags, {});

  // events: send, fetch, context, relations, receipts, read markers, typing, redaction
  const { event_id: first } = await alice.sendMessage(roomId, { msgtype: "m.text", body: "first of the tour" });
  const { event_id: reply } = await bob.sendEvent(roomId, "m.room.message", {
    msgtype: "m.text", body: "a reply", "m.relates_to": { rel_type: "m.thread", event_id: first, is_falling_back: true, "m.in_reply_to": { event_id: first } },
  });
  assert.equal((await bob.fetchRoomEvent(roomId, first)).content.body, "first of the tour");
  const context = await api(bob, Method.Get, `/rooms/${encodeURIComponent(roomId)}/context/${encodeURIComponent(first)}`, undefined, { limit: "2" });
  assert.equal(context.event.event_id, first);
  const related = await v1(alice, Method.Get, `/rooms/${encodeURIComponent(roomId)}/relations/${encodeURIComponent(first)}/m.thread`);
  assert.deepEqual(related.chunk.map((e) => e.event_id), [reply]);
  const threads = await v1(alice, Method.Get, `/rooms/${encodeURIComponent(roomId)}/threads`);
  assert.deepEqual(threads.chunk.map((e) => e.event_id), [first]);
  const summary = threads.chunk[0].unsigned["m.relations"]["m.thread"];
  assert.equal(summary.count, 1);
  assert.equal(summary.latest_event.event_id, reply);
  assert.equal(summary.current_user_participated, true, "alice started the thread");
  const bobsThreads = await v1(bob, Method.Get, `/rooms/${encodeURIComponent(roomId)}/threads`, { include: "participated" });
  assert.deepEqual(bobsThreads.chunk.map((e) => e.event_id), [first], "bob replied in it");
  const firstTs = (await alice.fetchRoomEvent(roomId, first)).origin_server_ts;
  const jumped = await alice.timestampToEvent(roomId, firstTs, "f");
  assert.equal(jumped.event_id, first);
  assert.equal(jumped.origin_server_ts, firstTs);
  const messages = await api(alice, Method.Get, `/rooms/${encodeURIComponent(roomId)}/messages`, undefined, { dir: "b", limit: "3" });
  assert.ok(messages.chunk.length > 0);
  await api(alice, Method.Post, `/rooms/${encodeURIComponent(roomId)}/receipt/m.read/${encodeURIComponent(reply)}`, {});
  await alice.setRoomReadMarkersHttpRequest(roomId, reply, reply);
  await alice.sendTyping(roomId, true, 5000);
  await alice.sendTyping(roomId, false);
  const { event_id: redaction } = await bob.redactEvent(roomId, reply, undefined, { reason: "tour" });
  assert.ok(redaction.startsWith("$"));

  // search, user directory, reports
  const found = await alice.searchUserDirectory({ term: "tour-b" });
  assert.ok(found.results.some((u) => u.user_id === bob.getUserId()));
  const search = await alice.search({ body: { search_categories: { room_events: { search_term: "first" } } } });
  assert.ok(search.search_categories.room_events.results.length >= 1);
  await bob.reportEvent(roomId, first, -100, "tour report");
  await api(bob, Method.Post, `/rooms/${encodeURIComponent(roomId)}/report`, { reason: "tour room report" });

  // push rules
  assert.ok((await alice.getPushRules()).global.override.length > 0);
  await alice.addPushRule("global", "content", "tour-rule", { pattern: "tour", actions: ["notify"] });
  assert.equal((await api(alice, Method.Get, "/pushrules/global/content/tour-rule")).pattern, "tour");
  await alice.setPushRuleEnabled("global", "content", "tour-rule", false);
  assert.equal((await api(alice, Method.Get, "/pushrules/global/content/tour-rule/enabled")).enabled, false);
  await alice.setPushRuleActions("global", "content", "tour-rule", ["dont_notify"]);
  assert.deepEqual((await api(alice, Method.Get, "/pushrules/global/content/tour-rule/actions")).actions, ["dont_notify"]);
  await alice.deletePushRule("global", "content", "tour-rule");
  assert.ok((await api(alice, Method.Get, "/pushrules/global/")).content !== undefined);

  // to-device, key changes, key backup
  await alice.sendToDevice("org.example.tour", new Map([[bob.getUserId(), new Map([[bob.getDeviceId(), { hello: "bob" }]])]]));
  const since = (await api(alice, Method.Get, "/sync", undefined, { timeout: "0" })).next_batch;
  const changes = await api(alice, Method.Get, "/keys/changes", undefined, { from: since, to: since });
  assert.ok(Array.isArray(changes.changed));
  const backup = await api(alice, Method.Post, "/room_keys/version", {
    algorithm: "m.megolm_backup.v1.curve25519-aes-sha2", auth_data: { public_key: "tourPublicKeyBase64" },
  });
  const sessionData = { first_message_index: 0, forwarded_count: 0, is_verified: true, session_data: { ephemeral: "e", ciphertext: "c", mac: "m" } };
  await api(alice, Method.Put, `/room_keys/keys/${encodeURIComponent(roomId)}/tourSession`, sessionData, { version: backup.version });
  const stored = await api(alice, Method.Get, "/room_keys/keys", undefined, { version: backup.version });
  assert.equal(stored.rooms[roomId].sessions.tourSession.first_message_index, 0);
  assert.equal((await api(alice, Method.Get, "/room_keys/version")).version, backup.version);
  await api(alice, Method.Delete, `/room_keys/keys/${encodeURIComponent(roomId)}`, undefined, { version: backup.version });
  await api(alice, Method.Delete, `/room_keys/version/${backup.version}`);

  // media: config, asynchronous upload, thumbnail
  assert.equal((await v1(alice, Method.Get, "/media/config"))["m.upload.size"], 110 * 1024 * 1024);
  const created = await alice.http.authedRequest(Method.Post, "/create", undefined, {}, { prefix: "/_matrix/media/v1" });
  const [, mediaServer, mediaId] = created.content_uri.match(/^mxc:\/\/([^/]+)\/(.+)$/);
  const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");
  await alice.http.authedRequest(Method.Put, `/upload/${mediaServer}/${mediaId}`, { filename: "dot.png" }, png, {
    prefix: "/_matrix/media/v3", headers: { "Content-Type": "image/png" }, json: false,
  });
  const thumbnail = await fetch(`${baseUrl}/_matrix/client/v1/media/thumbnail/${mediaServer}/${mediaId}?width=32&height=32&method=scale`, {
    headers: { Authorization: `Bearer ${alice.getAccessToken()}` },
  });
  assert.equal(thumbnail.status, 200);
  assert.match(thumbnail.headers.get("content-type"), /^image\//);

  // moderation: kick, ban, unban, leave, forget
  const { room_id: open } = await alice.createRoom({ preset: "private_chat", invite: [bob.getUserId()] });
  await bob.joinRoom(open);
  await alice.kick(open, bob.getUserId(), "tour kick");
  await alice.ban(open, bob.getUserId(), "tour ban");
  await alice.unban(open, bob.getUserId());
  await alice.leave(open);
  await alice.forget(open);
  assert.ok(!(await alice.getJoinedRooms()).joined_rooms.includes(open));

  // account: password change, more devices, delete_devices, logout/all, deactivation, each with
  // the interactive authentication a client goes through
  const uia = async (call) => {
    try {
      return await call(undefined);
    } catch (e) {
      assert.equal(e.httpStatus, 401, e.message);
      return call({ type: "m.login.password", identifier: { type: "m.id.user", user: me }, password: currentPassword, session: e.data.session });
    }
  };
  let currentPassword = PASSWORD;
  await uia((auth) => alice.setPassword(auth, "tour password 2", false));
  currentPassword = "tour password 2";
  const second = await alice.loginRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: me }, password: currentPassword });
  await uia((auth) => alice.deleteMultipleDevices([second.device_id], auth));
  assert.equal((await alice.getDevices()).devices.length, 1);
  assert.deepEqual(await api(bob, Method.Post, "/logout/all", {}), {});
  await uia((auth) => alice.deactivateAccount(auth, false));
}
