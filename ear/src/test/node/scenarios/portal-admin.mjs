// The Org-Admin portal's organisation pages, clicked through in headless Chromium (playwright-core,
// Debian chromium) while two stock matrix-js-sdk clients of the organisation sync: the admin signs
// in with TOTP, sends a system notice that the clients find in their server-notices room, sees a
// message one client reported and deletes it (the clients see the redaction), changes retention,
// keeps directory (VZD) entries and looks at the KIM addresses. Screenshots of every page go to
// ear/target/portal-screenshots (or $TIM_SCREENSHOT_DIR).
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sdk from "matrix-js-sdk";
import { chromium } from "playwright-core";
import { fetchWithHost, operatorHeaders, provisionOrganisation, totp, uniqueName } from "../lib/server.mjs";
import { startedClient, waitFor } from "../lib/clients.mjs";

const waitUntil = (predicate, what, timeoutMs = 60_000) => waitFor(predicate, what, timeoutMs, 50);
const started = (client) => startedClient(client, { initialSyncLimit: 50 });

const CHROMIUM = process.env.TIM_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOTS =
  process.env.TIM_SCREENSHOT_DIR ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../target/portal-screenshots");

const byId = (id) => `[id="${id}"]`;

/** A user of the organisation's service, registered with a token its admin issued. */
async function registerUser(baseUrl, serverName, admin, localpart) {
  const fetchFn = fetchWithHost(serverName);
  const basic = "Basic " + Buffer.from(`${admin.username}:${admin.password}`).toString("base64");
  const tokenReply = await fetchFn(`${baseUrl}/_tim/v1/admin/registration_tokens`, {
    method: "POST",
    headers: { Authorization: basic, "X-TIM-OTP": totp(admin.secret), "Content-Type": "application/json" },
    body: "{}",
  });
  assert.equal(tokenReply.status, 200, await tokenReply.clone().text());
  const { token } = await tokenReply.json();
  const anonymous = sdk.createClient({ baseUrl, fetchFn });
  let session;
  try {
    await anonymous.registerRequest({ username: localpart, password: "user-password-1" });
    assert.fail("registration without a token must be refused");
  } catch (e) {
    assert.equal(e.httpStatus, 401);
    session = e.data.session;
  }
  const registered = await anonymous.registerRequest({
    username: localpart,
    password: "user-password-1",
    auth: { type: "m.login.registration_token", token, session },
  });
  return sdk.createClient({
    baseUrl,
    fetchFn,
    userId: registered.user_id,
    deviceId: registered.device_id,
    accessToken: registered.access_token,
  });
}

export default async function ({ baseUrl }) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const suffix = uniqueName("o").replace(/[^a-z0-9]/g, "").slice(-10);
  const admin = { username: `orgadmin-${suffix}`, password: `orgadmin-${suffix}-secret!` };
  const org = await provisionOrganisation(baseUrl, {
    name: `Klinik ${suffix}`,
    subDomain: `klinik-${suffix}`,
    adminUsername: admin.username,
    adminPassword: admin.password,
  });
  const serverName = org.server_name;
  // the overview shows the Konnektor's state; its first use creates the software Konnektor's test
  // PKI, which on a busy machine takes longer than a click may wait, so do it before the browser
  const konnektor = await fetch(`${baseUrl}/_tim/v1/konnektor/cards`, { headers: operatorHeaders() });
  assert.equal(konnektor.status, 200, await konnektor.clone().text());
  const kimAddress = `station-${suffix}@praxis-a.kim.test`;
  const assigned = await fetch(`${baseUrl}/_tim/v1/operator/organisations/${org.organisation_id}/kim_addresses`, {
    method: "POST",
    headers: { ...operatorHeaders(), "Content-Type": "application/json" },
    body: JSON.stringify({ address: kimAddress }),
  });
  assert.equal(assigned.status, 200, await assigned.clone().text());

  let alice;
  let bob;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    // the admin enrols the second factor first: the REST API serves no admin without one
    const page = await browser.newPage({ locale: "en-GB" });
    const shot = (name) => page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });
    await page.goto(`${baseUrl}/admin/login.xhtml`);
    await page.fill(byId("login:username"), admin.username);
    await page.fill(byId("login:password"), admin.password);
    await page.click(byId("login:submit"));
    await page.waitForURL(/second-factor\.xhtml/);
    const secret = (await page.locator("#totpSecret").textContent()).trim();
    await page.fill(byId("totp:code"), totp(secret));
    await page.click(byId("totp:submit"), { timeout: 120_000 });
    await page.waitForURL(/overview\.xhtml/, { timeout: 120_000 });
    await page.locator("tr", { hasText: serverName }).getByText("provisioned (served)").waitFor();
    await shot("20-org-overview.png");
    admin.secret = secret;
    alice = await registerUser(baseUrl, serverName, admin, `alice-${suffix}`);
    bob = await registerUser(baseUrl, serverName, admin, `bob-${suffix}`);
    bob.on(sdk.RoomMemberEvent.Membership, (event, member) => {
      if (member.membership === "invite" && member.userId === bob.getUserId()) {
        bob.joinRoom(member.roomId).catch((e) => console.error("join failed", e));
      }
    });
    // alice joins whatever she is invited to, the server-notices room included
    alice.on(sdk.RoomMemberEvent.Membership, (event, member) => {
      if (member.membership === "invite" && member.userId === alice.getUserId()) {
        alice.joinRoom(member.roomId).catch((e) => console.error("join failed", e));
      }
    });
    const notices = [];
    const redactions = [];
    alice.on(sdk.RoomEvent.Timeline, (event) => {
      if (event.getType() === "m.room.message" && event.getContent().msgtype === "m.server_notice") {
        notices.push({ roomId: event.getRoomId(), body: event.getContent().body });
      }
      if (event.getType() === "m.room.redaction") {
        redactions.push(event.event.redacts ?? event.getContent().redacts);
      }
    });
    await Promise.all([started(alice), started(bob)]);
    const { room_id: roomId } = await bob.createRoom({ preset: "private_chat", invite: [alice.getUserId()], name: "Station 3" });
    await waitUntil(() => alice.getRoom(roomId)?.getMyMembership() === "join", "alice to join bob's room");
    const { event_id: offending } = await bob.sendTextMessage(roomId, "Das gehört hier nicht hin");
    await waitUntil(() => alice.getRoom(roomId)?.findEventById(offending), "alice to receive bob's message");

    // a system notice: both users get it; alice's client finds it in her server-notices room
    await page.click("#navNotices");
    await page.waitForURL(/notices\.xhtml/);
    await page.click(byId("notices:send"));
    await page.getByText("A notice needs a text of at most 4000 characters.").waitFor();
    const text = `Wartung heute um 18 Uhr (${suffix})`;
    await page.fill(byId("notices:body"), text);
    await page.click(byId("notices:send"));
    await page.getByText("Notice sent to 2 users.").waitFor();
    await shot("21-notices-sent.png");
    // /sync brings the invite to the server-notices room, tagged m.server_notice; alice joins it
    // and finds the notice in its history (the live delivery is checked with the retention notice)
    const noticeRoom = () =>
      alice.getRooms().find((r) => r.tags?.["m.server_notice"] !== undefined && r.getMyMembership() === "join");
    await waitUntil(() => noticeRoom(), "alice to join her server-notices room through /sync");
    await waitUntil(
      () => {
        if (!notices.some((n) => n.body === text)) alice.scrollback(noticeRoom(), 30).catch(() => {});
        return notices.some((n) => n.body === text && n.roomId === noticeRoom().roomId);
      },
      "alice to see the notice in her server-notices room",
    );

    // alice reports bob's message; the admin sees it and deletes the message
    await alice.reportEvent(roomId, offending, -100, "beleidigend");
    await page.click("#navReports");
    await page.waitForURL(/reports\.xhtml/);
    const report = page.locator("tr", { hasText: offending });
    await report.getByText(alice.getUserId()).waitFor();
    await report.getByText("beleidigend").waitFor();
    await report.getByText("open").waitFor();
    await shot("22-reports.png");
    await report.getByRole("button", { name: "Delete message" }).click();
    await page.getByRole("button", { name: "Yes" }).click();
    await page.getByText("Message deleted.").waitFor();
    await page.locator("tr", { hasText: offending }).getByText("message deleted").waitFor();
    await shot("23-reports-event-deleted.png");
    await waitUntil(() => redactions.includes(offending), "alice's client to receive the redaction");
    await waitUntil(() => alice.getRoom(roomId).findEventById(offending)?.isRedacted(), "the message to show as redacted");

    // retention: 3 months; the users are told in their notices room
    await page.click("#navRetention");
    await page.waitForURL(/retention\.xhtml/);
    await page.click(byId("retention:months"));
    await page.locator(`[id="retention:months_items"] li`, { hasText: "3 months" }).click();
    await page.click(byId("retention:save"));
    await page.getByText("Retention saved; 2 users were told.").waitFor();
    await shot("24-retention.png");
    await waitUntil(
      () => notices.some((n) => n.body.includes("3 months") && n.roomId === noticeRoom().roomId),
      "alice to be told of the retention change live through /sync",
    );

    // directory: bad contact data is refused, a department is stored, alice is published
    await page.click("#navDirectory");
    await page.waitForURL(/directory\.xhtml/);
    await page.fill(byId("directory:department"), "Kardiologie");
    await page.fill(byId("directory:phone"), "call me");
    await page.click(byId("directory:addEntry"));
    await page.getByText("A phone number has digits").waitFor();
    await page.fill(byId("directory:phone"), "+49 30 1234-56");
    await page.fill(byId("directory:email"), "kardiologie@klinik.example");
    await page.click(byId("directory:addEntry"));
    await page.getByText("Entry Kardiologie added.").waitFor();
    await page.fill(byId("directory:userId"), "@someone:tim-b.localhost");
    await page.click(byId("directory:publish"));
    await page.getByText("There is no such user in your organisation.").waitFor();
    await page.fill(byId("directory:userId"), alice.getUserId());
    await page.click(byId("directory:publish"));
    await page.getByText(`User ${alice.getUserId()} published.`).waitFor();
    await shot("25-directory.png");

    // KIM: the organisation's address, not registered yet
    await page.click("#navKim");
    await page.waitForURL(/kim\.xhtml/);
    await page.locator("tr", { hasText: kimAddress }).getByText("not registered yet").waitFor();
    await shot("26-kim.png");

    // the public registration page, in German (the default language)
    const german = await browser.newPage({ locale: "de-DE" });
    await german.goto(`${baseUrl}/admin/register.xhtml`);
    await german.fill(byId("registration:code"), "FALSCH");
    await german.click(byId("registration:requestChallenge"));
    await german.getByText("Der Registrierungscode ist unbekannt, abgelaufen oder bereits verwendet.").waitFor();
    await german.screenshot({ path: path.join(SCREENSHOTS, "27-registration-de.png"), fullPage: true });
    await german.close();
  } finally {
    alice?.stopClient();
    bob?.stopClient();
    await browser.close();
  }
}
