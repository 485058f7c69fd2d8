// Helpers shared by scenarios: admin operations over /_tim and account set-up through matrix-js-sdk.
import assert from "node:assert/strict";
import * as sdk from "matrix-js-sdk";

/** Issues a registration token (Benutzereinführungscode) with the portal admin's credentials. */
export async function issueRegistrationToken(baseUrl, body = {}) {
  const password = process.env.TIM_ADMIN_PASSWORD;
  assert.ok(password, "TIM_ADMIN_PASSWORD must be set (RealClientIT reads it from the server's data dir)");
  const response = await fetch(`${baseUrl}/_tim/v1/admin/registration_tokens`, {
    method: "POST",
    headers: {
      Authorization: "Basic " + Buffer.from(`admin:${password}`).toString("base64"),
      "Content-Type": "application/json",
    },
    body: JSON.stringify(body),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).token;
}

/** A unique user name per run, so scenarios can run against a server that keeps its data. */
export function uniqueName(prefix) {
  return `${prefix}-${Date.now().toString(36)}-${Math.floor(Math.random() * 1e6).toString(36)}`;
}

/** Registers through the m.login.registration_token flow the way a client does and returns a logged-in client. */
export async function registerWithToken(baseUrl, username, password, options = {}) {
  const token = await issueRegistrationToken(baseUrl);
  const anonymous = sdk.createClient({ baseUrl });
  let session;
  try {
    await anonymous.registerRequest({ username, password });
    assert.fail("registration without a token must be refused");
  } catch (e) {
    assert.equal(e.httpStatus, 401);
    session = e.data.session;
  }
  const registered = await anonymous.registerRequest({
    username,
    password,
    initial_device_display_name: options.deviceName ?? "scenario",
    auth: { type: "m.login.registration_token", token, session },
  });
  return sdk.createClient({
    baseUrl,
    userId: registered.user_id,
    deviceId: registered.device_id,
    accessToken: registered.access_token,
  });
}
