// Accounts with a stock matrix-js-sdk client: registration with the organisation's one-time token
// (UIA m.login.registration_token), login, devices, refresh tokens, logout.
import assert from "node:assert/strict";
import * as sdk from "matrix-js-sdk";
import { issueRegistrationToken, uniqueName } from "../lib/server.mjs";

export default async function ({ baseUrl }) {
  const username = uniqueName("alice");
  const password = "correct horse battery";
  const token = await issueRegistrationToken(baseUrl);
  const anonymous = sdk.createClient({ baseUrl });

  // 1. the server answers the first attempt with the registration-token flow
  const challenge = await anonymous.registerRequest({ username, password }).then(
    () => assert.fail("registration without a token must be refused"),
    (e) => e,
  );
  assert.equal(challenge.httpStatus, 401);
  assert.deepEqual(challenge.data.flows, [{ stages: ["m.login.registration_token"] }]);
  assert.ok(challenge.data.session);

  const validity = await anonymous.http.request(sdk.Method.Get, "/register/m.login.registration_token/validity", { token }, undefined, {
    prefix: "/_matrix/client/v1",
  });
  assert.equal(validity.valid, true);

  // 2. a wrong token is a failed stage: 401 again, with errcode, the session kept
  const wrong = await anonymous
    .registerRequest({ username, password, auth: { type: "m.login.registration_token", token: "NOPE", session: challenge.data.session } })
    .then(() => assert.fail("wrong token accepted"), (e) => e);
  assert.equal(wrong.httpStatus, 401);
  assert.equal(wrong.errcode, "M_UNAUTHORIZED");
  assert.equal(wrong.data.session, challenge.data.session);

  // 3. the right token creates the account and logs it in
  const registered = await anonymous.registerRequest({
    username,
    password,
    initial_device_display_name: "Alice's phone",
    auth: { type: "m.login.registration_token", token, session: challenge.data.session },
  });
  assert.match(registered.user_id, new RegExp(`^@${username}:`));
  assert.ok(registered.access_token.startsWith("syt_"));

  // the token was for one use only
  const again = await anonymous.http.request(sdk.Method.Get, "/register/m.login.registration_token/validity", { token }, undefined, {
    prefix: "/_matrix/client/v1",
  });
  assert.equal(again.valid, false);
  assert.equal(await anonymous.isUsernameAvailable(username), false);

  const phone = sdk.createClient({ baseUrl, userId: registered.user_id, deviceId: registered.device_id, accessToken: registered.access_token });
  const me = await phone.whoami();
  assert.equal(me.user_id, registered.user_id);
  assert.equal(me.device_id, registered.device_id);

  // 4. password login on a second device, wrong password refused
  await assert.rejects(
    anonymous.loginRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: username }, password: "wrong password" }),
    (e) => e.errcode === "M_FORBIDDEN" && e.httpStatus === 403,
  );
  const login = await anonymous.loginRequest({
    type: "m.login.password",
    identifier: { type: "m.id.user", user: username },
    password,
    initial_device_display_name: "Alice's laptop",
    refresh_token: true,
  });
  assert.ok(login.refresh_token && login.expires_in_ms > 0);
  const laptop = sdk.createClient({ baseUrl, userId: login.user_id, deviceId: login.device_id, accessToken: login.access_token });
  const devices = (await laptop.getDevices()).devices.map((d) => d.display_name).sort();
  assert.deepEqual(devices, ["Alice's laptop", "Alice's phone"]);

  // 5. refresh tokens rotate; reusing one is treated as theft and logs the device out
  const refreshed = await laptop.refreshToken(login.refresh_token);
  assert.notEqual(refreshed.access_token, login.access_token);
  await assert.rejects(laptop.whoami(), (e) => e.errcode === "M_UNKNOWN_TOKEN");
  laptop.setAccessToken(refreshed.access_token);
  assert.equal((await laptop.whoami()).device_id, login.device_id);
  await assert.rejects(laptop.refreshToken(login.refresh_token), (e) => e.errcode === "M_UNKNOWN_TOKEN");
  await assert.rejects(laptop.whoami(), (e) => e.errcode === "M_UNKNOWN_TOKEN");

  // 6. deleting a device needs the password (UIA), then its token is dead
  const phone2 = await anonymous.loginRequest({ type: "m.login.password", identifier: { type: "m.id.user", user: username }, password });
  const challenge2 = await phone.deleteDevice(phone2.device_id).then(() => assert.fail("no UIA"), (e) => e);
  assert.equal(challenge2.httpStatus, 401);
  await phone.deleteDevice(phone2.device_id, {
    type: "m.login.password",
    identifier: { type: "m.id.user", user: username },
    password,
    session: challenge2.data.session,
  });
  const gone = sdk.createClient({ baseUrl, accessToken: phone2.access_token });
  await assert.rejects(gone.whoami(), (e) => e.errcode === "M_UNKNOWN_TOKEN" && e.httpStatus === 401);

  // 7. logout ends the session
  await phone.logout();
  await assert.rejects(phone.whoami(), (e) => e.errcode === "M_UNKNOWN_TOKEN");

  // 8. no token at all
  await assert.rejects(anonymous.whoami(), (e) => e.errcode === "M_MISSING_TOKEN" && e.httpStatus === 401);
}
