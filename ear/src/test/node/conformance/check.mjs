// Checks recorded exchanges against the Matrix spec's OpenAPI definitions: every JSON answer of an
// endpoint the spec defines must match the schema the spec gives for that status; an error status
// the endpoint does not list must still carry the spec's standard error body (errcode, error).
import path from "node:path";
import { findOperation, loadOperations, responseValidator, specApiDir } from "./openapi.mjs";

// what the spec covers; beside it the server answers our own API (/_tim/), the portal (/admin/)
// and the KIM account manager
const MATRIX_PREFIXES = ["/_matrix/", "/.well-known/matrix/"];

/**
 * The exchanges the server answered with a 5xx: it failed, whatever the client made of it
 * (matrix-js-sdk retries such requests quietly, so a scenario alone would pass).
 */
export function serverFailures(exchanges) {
  return exchanges
    .filter((exchange) => exchange.status >= 500)
    .map((e) => `${e.method} ${new URL(e.url, "http://recorder").pathname} -> ${e.status}: ${(e.body ?? "").slice(0, 300)}`);
}

/**
 * Returns { checked, failures, outsideSpec, undocumented, covered } for the exchanges; failures
 * are strings that say which request got which answer and what the spec wanted.
 */
export function checkExchanges(exchanges, apiDir) {
  const operations = loadOperations(apiDir);
  const validate = responseValidator();
  const errorSchemaOwner = operations.find((op) => op.template === "/_matrix/client/v3/account/whoami");
  const failures = [];
  const outsideSpec = new Map();
  const undocumented = new Map();
  const covered = new Map();
  let checked = 0;
  for (const exchange of exchanges) {
    const { pathname } = new URL(exchange.url, "http://recorder");
    const what = `${exchange.method} ${pathname} -> ${exchange.status}`;
    if (!MATRIX_PREFIXES.some((prefix) => pathname.startsWith(prefix))) continue;
    if (exchange.status === 400 && exchange.body === null && !isValidUri(exchange.url)) {
      // not a URI at all (a "%" without two hex digits): the HTTP listener (Undertow) refuses it
      // with a bare 400 before the application sees it; counted, not checked
      count(outsideSpec, `${exchange.method} <not a valid URI> 400`);
      continue;
    }
    const operation = findOperation(operations, exchange.method, pathname);
    if (!operation) {
      count(outsideSpec, `${exchange.method} ${pathname.replace(/![^/]+|@[^/]+|\$[^/]+/g, "…")} ${exchange.status}`);
      // an unknown endpoint still answers with the spec's error body (M_UNRECOGNIZED)
      if (exchange.status >= 400 && pathname.startsWith("/_matrix/")) {
        checkError(exchange, what, errorSchemaOwner, validate, failures);
        checked++;
      }
      continue;
    }
    count(covered, `${operation.method} ${operation.template}`);
    let body = null;
    if (exchange.body !== null) {
      try {
        body = JSON.parse(exchange.body);
      } catch (e) {
        failures.push(`${what}: answer says JSON but is not: ${e.message}`);
        continue;
      }
    }
    const documented = operation.responses[String(exchange.status)];
    if (body === null) {
      // a documented JSON answer that came as something else (media bytes are documented as such)
      if (documented?.content && Object.keys(documented.content).every((type) => type === "application/json")) {
        failures.push(`${what}: the spec documents a JSON body, the answer was ${exchange.contentType || "empty"}`);
      }
      continue;
    }
    // a 401 for a missing or unknown access token is the standard error on every endpoint that
    // needs one (spec, "Using access tokens"), also where 401 documents user-interactive auth
    const tokenRefused = exchange.status === 401 && ["M_MISSING_TOKEN", "M_UNKNOWN_TOKEN"].includes(body?.errcode);
    let errors = tokenRefused ? undefined : validate(operation, exchange.status, body);
    if (errors === undefined && exchange.status >= 400) {
      // not listed for this endpoint: still the spec's standard error shape
      count(undocumented, `${operation.method} ${operation.template} ${exchange.status}`);
      errors = validate(errorSchemaOwner, 401, body);
    }
    // the spec's oneOf alternatives may overlap: GET .../state/{type}/{key} answers the content
    // (any object) or, with format=event, the event, which is an object too; more than one
    // alternative matching is what such a definition means, not a broken answer
    if (errors) errors = errors.filter((e) => !(e.keyword === "oneOf" && Array.isArray(e.params?.passingSchemas)));
    if (errors?.length === 0) errors = null;
    if (errors === undefined) continue;
    checked++;
    if (errors) {
      const detail = errors.slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? " " + JSON.stringify(e.params) : ""}`);
      failures.push(`${what} (${operation.file}): ${detail.join("; ")}\n      body: ${exchange.body.slice(0, 600)}`);
    }
  }
  return { checked, failures, outsideSpec, undocumented, covered };
}

function checkError(exchange, what, errorSchemaOwner, validate, failures) {
  let errors;
  try {
    errors = validate(errorSchemaOwner, 401, JSON.parse(exchange.body ?? ""));
  } catch (e) {
    errors = [{ instancePath: "", message: `not a JSON error body (${exchange.contentType || "empty"})` }];
  }
  if (errors) failures.push(`${what}: ${errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ")}`);
}

/** Whether every "%" of the request target starts a two-hex-digit escape (RFC 3986, 2.1). */
export function isValidUri(url) {
  return !/%(?![0-9A-Fa-f]{2})/.test(url);
}

function count(map, key) {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Proves the check is not vacuous with this copy of the spec: answers that break it in known ways
 * (a whoami without user_id, a sync with a numeric next_batch, an error without errcode) must fail.
 */
export function selfCheck(apiDir) {
  const broken = [
    { method: "GET", url: "/_matrix/client/v3/account/whoami", status: 200, body: '{"device_id":"D"}' },
    { method: "GET", url: "/_matrix/client/v3/sync", status: 200, body: '{"next_batch":5}' },
    { method: "GET", url: "/_matrix/client/v3/profile/%40a%3Ab", status: 404, body: '{"error":"x"}' },
  ];
  const failed = broken.filter((exchange) => checkExchanges([{ contentType: "application/json", ...exchange }], apiDir).failures.length === 1);
  return failed.length === broken.length;
}

/** Prints the result; returns true when nothing failed. */
export function report(result, out = console.log) {
  out(`conformance: ${result.checked} JSON answers of ${result.covered.size} spec endpoints checked against the Matrix spec's OpenAPI definitions, ${result.failures.length} failed`);
  for (const failure of result.failures) out(`  FAIL ${failure}`);
  if (result.undocumented.size) {
    out(`  error statuses the spec does not list for the endpoint (checked against the standard error body):`);
    for (const [key, n] of result.undocumented) out(`    ${key} (${n}×)`);
  }
  if (result.outsideSpec.size) {
    out(`  requests to paths the spec does not define (not checked):`);
    for (const [key, n] of result.outsideSpec) out(`    ${key} (${n}×)`);
  }
  return result.failures.length === 0;
}

/** Where the spec is looked for: $MATRIX_SPEC_DIR, else matrix-spec/ in the shared folder beside the checkout. */
export function locateSpec(repoRoot) {
  const root = process.env.MATRIX_SPEC_DIR ?? path.join(repoRoot, "..", "shared", "matrix-spec");
  return { root, apiDir: specApiDir(root) };
}
