// Helpers shared by scenarios: admin operations over /_tim and account set-up through matrix-js-sdk.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import http from "node:http";
import * as sdk from "matrix-js-sdk";

/** Issues a registration token (Benutzereinführungscode) with the portal admin's credentials. */
export async function issueRegistrationToken(baseUrl, body = {}) {
  const response = await fetch(`${baseUrl}/_tim/v1/admin/registration_tokens`, {
    method: "POST",
    headers: { ...operatorHeaders(), "Content-Type": "application/json" },
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

/** Basic credentials of the operator's initial portal account (RealClientIT passes its password). */
export function operatorAuthorization() {
  const password = process.env.TIM_ADMIN_PASSWORD;
  assert.ok(password, "TIM_ADMIN_PASSWORD must be set (RealClientIT reads it from the server's data dir)");
  return "Basic " + Buffer.from(`admin:${password}`).toString("base64");
}

/**
 * Basic credentials and the current one-time code of the operator's portal account: the REST API
 * serves no admin without a second factor (RealClientIT enrols it and passes its secret).
 */
export function operatorHeaders() {
  const secret = process.env.TIM_ADMIN_TOTP_SECRET;
  assert.ok(secret, "TIM_ADMIN_TOTP_SECRET must be set (RealClientIT enrols the operator's TOTP)");
  return { Authorization: operatorAuthorization(), "X-TIM-OTP": totp(secret) };
}

/**
 * The operator sets up an organisation with one messenger service and its first portal admin
 * (POST /_tim/v1/operator/organisations); returns the server's answer.
 */
export async function provisionOrganisation(baseUrl, { name, subDomain, adminUsername, adminPassword }) {
  const response = await fetch(`${baseUrl}/_tim/v1/operator/organisations`, {
    method: "POST",
    headers: { ...operatorHeaders(), "Content-Type": "application/json" },
    body: JSON.stringify({
      name,
      sub_domain: subDomain,
      admin_username: adminUsername,
      admin_password: adminPassword,
    }),
  });
  assert.equal(response.status, 200, await response.clone().text());
  return response.json();
}

/**
 * A fetch for matrix-js-sdk (its fetchFn option) that talks to the server at the request URL but
 * names the messenger service in the Host header, as a client of `https://<server name>` would.
 * Node's built-in fetch refuses to set Host, so this goes through node:http.
 */
export function fetchWithHost(host) {
  return (input, init = {}) =>
    new Promise((resolve, reject) => {
      const url = new URL(input instanceof URL ? input.href : typeof input === "string" ? input : input.url);
      const headers = Object.fromEntries(new Headers(init.headers ?? {}).entries());
      headers.host = host;
      const request = http.request(url, { method: init.method ?? "GET", headers, signal: init.signal }, (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("error", reject);
        response.on("end", () => {
          const responseHeaders = new Headers();
          for (const [key, value] of Object.entries(response.headers)) {
            responseHeaders.set(key, Array.isArray(value) ? value.join(", ") : value);
          }
          const empty = [101, 204, 205, 304].includes(response.statusCode);
          resolve(new Response(empty ? null : Buffer.concat(chunks), { status: response.statusCode, headers: responseHeaders }));
        });
      });
      request.on("error", reject);
      if (init.body != null) {
        request.write(typeof init.body === "string" ? init.body : Buffer.from(init.body));
      }
      request.end();
    });
}

/** The current RFC 6238 code (HMAC-SHA1, 30 s, 6 digits) of a base32 secret, as an authenticator app shows it. */
export function totp(base32Secret, atMillis = Date.now()) {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of base32Secret.replace(/[\s=]/g, "").toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  }
  const key = Buffer.alloc(Math.floor(bits.length / 8));
  for (let i = 0; i < key.length; i++) key[i] = parseInt(bits.slice(i * 8, i * 8 + 8), 2);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(atMillis / 1000 / 30)));
  const hash = crypto.createHmac("sha1", key).update(counter).digest();
  const offset = hash[hash.length - 1] & 0x0f;
  const binary = hash.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 1_000_000).padStart(6, "0");
}
