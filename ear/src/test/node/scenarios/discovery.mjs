// A stock matrix-js-sdk client asks which spec versions the homeserver speaks.
import assert from "node:assert/strict";
import * as sdk from "matrix-js-sdk";

export default async function ({ baseUrl }) {
  const client = sdk.createClient({ baseUrl });
  const versions = await client.getVersions();
  assert.ok(versions.versions.includes("v1.11"), JSON.stringify(versions));
  assert.equal(await client.isVersionSupported("v1.11"), true);

  // an unknown endpoint reaches the SDK as a MatrixError with the spec's errcode
  await assert.rejects(
    client.http.authedRequest(sdk.Method.Get, "/no_such_endpoint", undefined, undefined, { prefix: "/_matrix/client/v3" }),
    (e) => e.errcode === "M_UNRECOGNIZED" && e.httpStatus === 404,
  );
}
