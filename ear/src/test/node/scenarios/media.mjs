// The content repository with a stock matrix-js-sdk client: the 110 MB limit (110 * 1024 * 1024
// bytes) to the byte, uploads through client.uploadContent, authenticated downloads (spec v1.11)
// through client.mxcUrlToHttp(..., useAuthentication=true) + fetch with the access token.
// The files are generated into a temp directory and uploaded from disk (fs.openAsBlob), so neither
// side holds 110 MB in memory.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { registerWithToken, uniqueName } from "../lib/server.mjs";

const LIMIT = 110 * 1024 * 1024;

/** Writes `length` random bytes to `file` in 1 MiB steps and returns their SHA-256. */
async function generate(file, length) {
  const hash = createHash("sha256");
  const out = createWriteStream(file);
  for (let written = 0; written < length; ) {
    const chunk = randomBytes(Math.min(1024 * 1024, length - written));
    hash.update(chunk);
    written += chunk.length;
    if (!out.write(chunk)) await new Promise((resolve) => out.once("drain", resolve));
  }
  await new Promise((resolve, reject) => out.end((e) => (e ? reject(e) : resolve())));
  return hash.digest("hex");
}

/** SHA-256 and length of a fetch response body, read as a stream. */
async function digest(response) {
  const hash = createHash("sha256");
  let length = 0;
  for await (const chunk of response.body) {
    hash.update(chunk);
    length += chunk.length;
  }
  return { sha256: hash.digest("hex"), length };
}

export default async function ({ baseUrl }) {
  const client = await registerWithToken(baseUrl, uniqueName("media"), "correct horse battery");
  const dir = await mkdtemp(path.join(tmpdir(), "tim-media-"));
  try {
    // 1. the server announces the limit
    const config = await client.getMediaConfig(true);
    assert.equal(config["m.upload.size"], LIMIT);

    // 2. exactly 110 MB goes up and comes back byte for byte
    const exact = path.join(dir, "exact.bin");
    const sent = await generate(exact, LIMIT);
    let started = Date.now();
    const { content_uri: mxc } = await client.uploadContent(await openAsBlob(exact), {
      name: "Röntgenbild 110 MB.bin",
      type: "application/octet-stream",
    });
    const uploadMs = Date.now() - started;
    assert.match(mxc, /^mxc:\/\/[^/]+\/[A-Za-z0-9_-]+$/);

    const url = client.mxcUrlToHttp(mxc, undefined, undefined, undefined, false, true, true);
    assert.ok(url.includes("/_matrix/client/v1/media/download/"), url);
    started = Date.now();
    const response = await fetch(url, { headers: { Authorization: `Bearer ${client.getAccessToken()}` } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get("content-length"), String(LIMIT));
    assert.equal(response.headers.get("content-disposition"), "attachment; filename*=utf-8''R%C3%B6ntgenbild%20110%20MB.bin");
    assert.equal(response.headers.get("cross-origin-resource-policy"), "cross-origin");
    const received = await digest(response);
    assert.equal(received.length, LIMIT);
    assert.equal(received.sha256, sent);
    console.log(`     110 MB upload ${uploadMs} ms, download ${Date.now() - started} ms`);

    // 3. without the access token the same URL is refused
    const anonymous = await fetch(url);
    assert.equal(anonymous.status, 401);
    assert.equal((await anonymous.json()).errcode, "M_MISSING_TOKEN");
    await rm(exact);

    // 4. one byte more is refused with M_TOO_LARGE, and the SDK's upload rejects with it
    const over = path.join(dir, "over.bin");
    await generate(over, LIMIT + 1);
    await assert.rejects(
      client.uploadContent(await openAsBlob(over), { name: "too-large.bin", type: "application/octet-stream" }),
      (e) => {
        assert.equal(e.errcode, "M_TOO_LARGE", String(e));
        assert.equal(e.httpStatus, 413);
        return true;
      },
    );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
