// Matrix core benchmark: throughput of sends, send→/sync delivery latency with many long-polling
// clients, initial sync of a user in 100 rooms, against the empty baseline of GET /versions.
// Plain fetch (one keep-alive agent per process) so the client side is not the bottleneck.
import { performance } from "node:perf_hooks";

const base = process.argv[2] ?? "http://127.0.0.1:8080";
const adminPassword = process.env.TIM_ADMIN_PASSWORD;
const SYNCERS = Number(process.env.BENCH_SYNCERS ?? 200);
const SENDERS = Number(process.env.BENCH_SENDERS ?? 16);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const LATENCY_SAMPLES = Number(process.env.BENCH_LATENCY_SAMPLES ?? 300);
// the JIT takes about a minute of sends on 2 cores to settle
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 30);

async function call(method, path, token, body) {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} -> ${res.status} ${text}`);
  return text ? JSON.parse(text) : {};
}

async function register(name) {
  const token = (await fetch(base + "/_tim/v1/admin/registration_tokens", {
    method: "POST",
    headers: { Authorization: "Basic " + Buffer.from(`admin:${adminPassword}`).toString("base64") },
  }).then((r) => r.json())).token;
  let session;
  const first = await fetch(base + "/_matrix/client/v3/register", { method: "POST", body: JSON.stringify({ username: name, password: "bench-password" }) });
  session = (await first.json()).session;
  return call("POST", "/_matrix/client/v3/register", null, {
    username: name, password: "bench-password", auth: { type: "m.login.registration_token", token, session },
  });
}

function percentile(sorted, p) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function rate(label, seconds, workers, op) {
  let count = 0;
  const deadline = performance.now() + seconds * 1000;
  await Promise.all(Array.from({ length: workers }, async (_, w) => {
    let i = 0;
    while (performance.now() < deadline) {
      await op(w, i++);
      count++;
    }
  }));
  const perSecond = count / seconds;
  console.log(`${label}: ${perSecond.toFixed(0)}/s (${count} in ${seconds} s, ${workers} concurrent)`);
  return perSecond;
}

const run = Date.now().toString(36);
console.log(`TIM-KIM Matrix benchmark against ${base}: ${SYNCERS} syncing clients, ${SENDERS} senders, ${SECONDS} s phases`);

// baseline: the same server's (almost) empty JAX-RS endpoint; both it and the sends first run
// unmeasured for a few seconds, so the figures are the JIT-compiled steady state, not the start-up
const versions = () => call("GET", "/_matrix/client/versions");
await rate("warm-up GET /_matrix/client/versions (not counted)", 5, SENDERS, versions);
const baseline = await rate("baseline GET /_matrix/client/versions", 5, SENDERS, versions);

// users and rooms: each sender owns a room with one syncing reader
const users = [];
for (let i = 0; i < Math.max(SYNCERS, SENDERS) + 1; i++) users.push(await register(`bench-${run}-${i}`));
const rooms = [];
for (let i = 0; i < SYNCERS; i++) {
  const owner = users[i];
  const reader = users[(i + 1) % users.length];
  const { room_id } = await call("POST", "/_matrix/client/v3/createRoom", owner.access_token, { preset: "private_chat", invite: [reader.user_id] });
  await call("POST", `/_matrix/client/v3/rooms/${encodeURIComponent(room_id)}/join`, reader.access_token, {});
  rooms.push({ roomId: room_id, owner, reader });
}

// throughput: senders write into their rooms as fast as they can
let txn = 0;
const send = (w) =>
  call("PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(rooms[w % rooms.length].roomId)}/send/m.room.message/t${run}-${txn++}`,
    rooms[w % rooms.length].owner.access_token, { msgtype: "m.text", body: "benchmark" });
await rate("warm-up sends (not counted)", WARMUP_SECONDS, SENDERS, send);
const eventsPerSecond = await rate("send throughput PUT /rooms/{id}/send", SECONDS, SENDERS, send);

// latency: every reader long-polls; one sender at a time writes and we time until its reader sees it
const positions = new Map();
for (const room of rooms) {
  const initial = await call("GET", `/_matrix/client/v3/sync?timeout=0&filter=${encodeURIComponent(JSON.stringify({ room: { timeline: { limit: 1 } } }))}`, room.reader.access_token);
  positions.set(room.reader.user_id, initial.next_batch);
}
const waiting = new Map();
let stop = false;
const loops = rooms.map(async (room) => {
  while (!stop) {
    const since = positions.get(room.reader.user_id);
    const res = await call("GET", `/_matrix/client/v3/sync?timeout=30000&since=${since}`, room.reader.access_token);
    positions.set(room.reader.user_id, res.next_batch);
    const joined = res.rooms?.join?.[room.roomId];
    for (const event of joined?.timeline?.events ?? []) {
      const resolve = waiting.get(event.content?.body);
      if (resolve) { waiting.delete(event.content.body); resolve(performance.now()); }
    }
  }
});
await new Promise((r) => setTimeout(r, 1000));
// one unmeasured message per room first: the throughput phase wrote into 16 of the 200 rooms only,
// and a room's first message after a start also pays for loading what the node then keeps
if (!process.env.BENCH_COLD_ROOMS) {
  for (const [i, room] of rooms.entries()) {
    await call("PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(room.roomId)}/send/m.room.message/w${run}-${i}`, room.owner.access_token, { msgtype: "m.text", body: `warm-${i}` });
  }
  await new Promise((r) => setTimeout(r, 1000));
}
const latencies = [];
for (let i = 0; i < LATENCY_SAMPLES; i++) {
  const room = rooms[i % rooms.length];
  const body = `latency-${run}-${i}`;
  const seen = new Promise((resolve) => waiting.set(body, resolve));
  const started = performance.now();
  await call("PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(room.roomId)}/send/m.room.message/l${run}-${i}`, room.owner.access_token, { msgtype: "m.text", body });
  latencies.push((await seen) - started);
}
// throughput again, now that every reader long-polls: each send also wakes the syncs of the
// sender and the reader of its room, as the target counts it (at 200 syncing clients)
const syncedEventsPerSecond = await rate(`send throughput with ${SYNCERS} clients long-polling`, SECONDS, SENDERS, send);
stop = true;
latencies.sort((a, b) => a - b);
console.log(`delivery send→other client's /sync (${SYNCERS} clients long-polling, ${LATENCY_SAMPLES} samples${process.env.BENCH_COLD_ROOMS ? ", first messages in most rooms" : ""}): p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies[latencies.length - 1].toFixed(1)} ms`);

// initial sync of a user in 100 rooms
const busy = users[0];
for (let i = 0; i < 100; i++) {
  const { room_id } = await call("POST", "/_matrix/client/v3/createRoom", busy.access_token, { preset: "private_chat", name: `room ${i}` });
  await call("PUT", `/_matrix/client/v3/rooms/${encodeURIComponent(room_id)}/send/m.room.message/i${run}-${i}`, busy.access_token, { msgtype: "m.text", body: "hello" });
}
const timings = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  const res = await call("GET", "/_matrix/client/v3/sync", busy.access_token);
  timings.push(performance.now() - t);
  if (Object.keys(res.rooms.join).length < 100) throw new Error("initial sync misses rooms");
}
timings.sort((a, b) => a - b);
console.log(`initial sync, user in ${100 + rooms.filter((r) => r.owner === busy || r.reader === busy).length} rooms: median ${percentile(timings, 50).toFixed(0)} ms (5 runs)`);
console.log(`ratio send throughput / empty endpoint: ${(eventsPerSecond / baseline).toFixed(3)} (with long-polling clients ${(syncedEventsPerSecond / baseline).toFixed(3)})`);
process.exit(0);
