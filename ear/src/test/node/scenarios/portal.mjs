// An organisation's admin clicks through the Org-Admin portal in headless Chromium (Debian's
// chromium driven by playwright-core): signs in with password and TOTP (enrolling first), creates a
// messenger service, adds a user and issues their Benutzereinführungscode; a matrix-js-sdk client
// registers with that code; the admin sees the client's device, logs it out, and the client's next
// request is refused. Wrong input gets a clear message on the way. Screenshots of every page go to
// ear/target/portal-screenshots (or $TIM_SCREENSHOT_DIR).
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as sdk from "matrix-js-sdk";
import { chromium } from "playwright-core";
import { fetchWithHost, provisionOrganisation, totp, uniqueName } from "../lib/server.mjs";

const CHROMIUM = process.env.TIM_CHROMIUM ?? "/usr/bin/chromium";
const SCREENSHOTS =
  process.env.TIM_SCREENSHOT_DIR ??
  path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../../target/portal-screenshots");

const byId = (id) => `[id="${id}"]`;

export default async function ({ baseUrl }) {
  await mkdir(SCREENSHOTS, { recursive: true });
  const suffix = uniqueName("p").replace(/[^a-z0-9]/g, "").slice(-10);
  const admin = { username: `admin-${suffix}`, password: `portal-${suffix}-secret!` };
  const org = await provisionOrganisation(baseUrl, {
    name: `Praxis ${suffix}`,
    subDomain: `praxis-${suffix}`,
    adminUsername: admin.username,
    adminPassword: admin.password,
  });
  const serverName = org.server_name;

  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  try {
    // German is the portal's default language
    const german = await browser.newPage({ locale: "de-DE" });
    await german.goto(`${baseUrl}/admin/login.xhtml`);
    await german.getByRole("button", { name: "Anmelden" }).waitFor();
    await german.screenshot({ path: path.join(SCREENSHOTS, "01-login-de.png"), fullPage: true });
    await german.close();

    const page = await browser.newPage({ locale: "en-GB" });
    const shot = (name) => page.screenshot({ path: path.join(SCREENSHOTS, name), fullPage: true });

    // a page behind the sign-in sends the browser to the login page
    await page.goto(`${baseUrl}/admin/users.xhtml`);
    assert.match(page.url(), /\/admin\/login\.xhtml$/);

    // wrong password: a clear message, still on the login page
    await page.fill(byId("login:username"), admin.username);
    await page.fill(byId("login:password"), "wrong-password-123");
    await page.click(byId("login:submit"));
    await page.getByText("User name or password is wrong.").waitFor();

    await page.fill(byId("login:username"), admin.username);
    await page.fill(byId("login:password"), admin.password);
    await page.click(byId("login:submit"));
    await page.waitForURL(/second-factor\.xhtml/);

    // first sign-in: the portal shows a new TOTP secret and its otpauth URI
    const secret = (await page.locator("#totpSecret").textContent()).trim();
    assert.match(secret, /^[A-Z2-7]{32}$/);
    const uri = await page.locator("#totpUri").textContent();
    assert.ok(uri.startsWith("otpauth://totp/") && uri.includes(`secret=${secret}`), uri);
    await shot("02-totp-enrolment.png");

    // a wrong code is refused with a clear message
    const valid = [-30_000, 0, 30_000].map((skew) => totp(secret, Date.now() + skew));
    const wrong = ["000000", "111111", "222222", "333333"].find((c) => !valid.includes(c));
    await page.fill(byId("totp:code"), wrong);
    await page.click(byId("totp:submit"));
    await page.getByText("The one-time code is wrong").waitFor();
    // so is something that is not a code at all
    await page.fill(byId("totp:code"), "12ab");
    await page.click(byId("totp:submit"));
    await page.getByText("The one-time code has six digits.").waitFor();
    await shot("03-totp-wrong-code.png");

    await page.fill(byId("totp:code"), totp(secret));
    await page.click(byId("totp:submit"));
    await page.waitForURL(/overview\.xhtml/);
    await page.locator("#organisation").getByText(org.name).waitFor();
    assert.ok(await page.getByText(serverName, { exact: true }).isVisible());
    await shot("04-overview.png");

    // a messenger service: invalid and taken sub-domains are refused, a free one is live at once
    await page.fill(byId("services:subDomain"), "-not valid-");
    await page.click(byId("services:createService"));
    await page.getByText("A sub-domain is 1 to 63 characters").waitFor();
    await page.fill(byId("services:subDomain"), serverName.split(".")[0]);
    await page.click(byId("services:createService"));
    await page.getByText("This sub-domain is already taken").waitFor();
    await shot("05-overview-invalid-subdomain.png");
    const second = `zweit-${suffix}`;
    await page.fill(byId("services:subDomain"), second);
    await page.click(byId("services:createService"));
    await page.getByText(/Messenger service .* created; it is live now\./).waitFor();
    const secondServerName = (await page.locator(".tim-server-name").allTextContents()).find((n) => n.startsWith(second + "."));
    assert.ok(secondServerName, "the new service is listed");
    const keys = await (await fetchWithHost(secondServerName)(`${baseUrl}/_matrix/key/v2/server`)).json();
    assert.equal(keys.server_name, secondServerName, "the new homeserver answers under its own name, no restart");
    await shot("06-overview-service-created.png");

    // users: an invalid user name is refused; a valid one is added
    await page.click("#navUsers");
    await page.waitForURL(/users\.xhtml/);
    await page.fill(byId("users:newUserName"), "Not Valid!");
    await page.click(byId("users:addUser"));
    await page.getByText("A user name is 1 to 64 characters").waitFor();
    const localpart = `anna-${suffix}`;
    const userId = `@${localpart}:${serverName}`;
    await page.fill(byId("users:newUserName"), localpart);
    await page.fill(byId("users:newDisplayName"), "Dr. Anna Beispiel");
    await page.click(byId("users:addUser"));
    await page.getByText(`User ${userId} added.`).waitFor();
    const row = page.locator("tr", { hasText: userId });
    await row.getByText("added, not registered yet").waitFor();
    await shot("07-users-added.png");

    await row.getByRole("button", { name: "Issue code" }).click();
    await page.locator("#issuedCode").waitFor();
    const code = (await page.locator("#issuedCode").textContent()).trim();
    assert.match(code, /^[A-Z2-9]{16}$/);
    // the codes table lists the code's user and state, not the code: it is stored hashed and shown once
    await page.locator('[id="users:codeTable"] tr', { hasText: userId }).getByText("open").waitFor();
    await shot("08-users-code-issued.png");

    // the user registers with a stock Matrix client and the code
    const fetchFn = fetchWithHost(serverName);
    const anonymous = sdk.createClient({ baseUrl, fetchFn });
    const session = await startRegistration(anonymous, localpart);
    const registered = await anonymous.registerRequest({
      username: localpart,
      password: "anna-password-1",
      initial_device_display_name: "Annas Laptop",
      auth: { type: "m.login.registration_token", token: code, session },
    });
    assert.equal(registered.user_id, userId);
    const client = sdk.createClient({
      baseUrl,
      fetchFn,
      userId: registered.user_id,
      deviceId: registered.device_id,
      accessToken: registered.access_token,
    });
    assert.equal((await client.whoami()).user_id, userId);
    const profile = await client.getProfileInfo(userId);
    assert.equal(profile.displayname, "Dr. Anna Beispiel", "the account starts with the name the admin gave");

    // the code is good once
    const again = await startRegistration(anonymous, `other-${suffix}`);
    await assert.rejects(
      anonymous.registerRequest({
        username: `other-${suffix}`,
        password: "other-password-1",
        auth: { type: "m.login.registration_token", token: code, session: again },
      }),
      (e) => e.httpStatus === 401 && e.errcode === "M_UNAUTHORIZED",
    );

    await page.reload();
    await page.locator("tr", { hasText: userId }).getByText("active", { exact: true }).waitFor();
    await page.locator('[id="users:codeTable"] tr', { hasText: userId }).getByText("used").waitFor();
    await shot("09-users-registered.png");

    // the admin changes the display name; the user's profile shows it
    await page.locator("tr", { hasText: userId }).getByRole("button", { name: "Edit" }).click();
    await page.locator(byId("users:editDisplayName")).waitFor();
    await page.fill(byId("users:editDisplayName"), "Dr. Anna Muster");
    await page.click(byId("users:saveEdit"));
    await page.getByText(`User ${userId} changed.`).waitFor();
    assert.equal((await client.getProfileInfo(userId)).displayname, "Dr. Anna Muster");

    // sessions: the admin sees the client's device and logs it out
    await page.locator("tr", { hasText: userId }).getByRole("link", { name: "Sessions" }).click();
    await page.waitForURL(/sessions\.xhtml/);
    const device = page.locator("tr", { hasText: registered.device_id });
    await device.getByText("Annas Laptop").waitFor();
    await shot("10-sessions.png");
    await device.getByRole("button", { name: "Log out" }).click();
    await page.getByText(`Device ${registered.device_id} logged out.`).waitFor();
    await page.getByText("No logged-in devices.").waitFor();
    await shot("11-sessions-logged-out.png");

    await assert.rejects(client.whoami(), (e) => e.httpStatus === 401 && e.errcode === "M_UNKNOWN_TOKEN");

    // deactivated (after a confirmation), the user can no longer log in
    await page.click("#navUsers");
    await page.locator("tr", { hasText: userId }).getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("button", { name: "Yes" }).click();
    await page.getByText(`User ${userId} deactivated.`).waitFor();
    await page.locator("tr", { hasText: userId }).getByText("deactivated").waitFor();
    await shot("12-users-deactivated.png");
    await assert.rejects(
      anonymous.login("m.login.password", {
        identifier: { type: "m.id.user", user: localpart },
        password: "anna-password-1",
      }),
      (e) => e.httpStatus === 403,
    );

    // an ID of a user who is not in the organisation shows nothing but a refusal
    await page.goto(`${baseUrl}/admin/sessions.xhtml?user=${encodeURIComponent("@nobody:tim-b.localhost")}`);
    await page.getByText("There is no such user in your organisation.").waitFor();
    await shot("13-sessions-foreign-user.png");
  } finally {
    await browser.close();
  }
}

/** The first /register round trip: 401 with the UIA session that offers the token stage. */
async function startRegistration(client, username) {
  try {
    await client.registerRequest({ username, password: "placeholder-1" });
  } catch (e) {
    assert.equal(e.httpStatus, 401);
    assert.deepEqual(e.data.flows, [{ stages: ["m.login.registration_token"] }]);
    return e.data.session;
  }
  assert.fail("registration without a token must be refused");
}
