// Runs every scenario in ./scenarios against the server at argv[2] and reports each one.
// Exit code 0 only when all pass; RealClientIT asserts on it.
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";
import { checkExchanges, locateSpec, report, selfCheck, serverFailures } from "./conformance/check.mjs";
import { startRecorder } from "./conformance/recorder.mjs";

const baseUrl = process.argv[2];
// a comma-separated list of file-name prefixes ("accounts,messaging"); empty: all scenarios
const only = (process.argv[3] ?? "").split(",").filter(Boolean);
if (!baseUrl) {
  console.error("usage: run.mjs <base-url> [scenario-prefix,...]");
  process.exit(2);
}
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "scenarios");
const files = (await readdir(dir)).filter((f) => f.endsWith(".mjs") && (only.length === 0 || only.some((prefix) => f.startsWith(prefix)))).sort();
// the clients talk through a recording proxy: any 5xx fails the run, and every answer is checked
// against the Matrix spec's own OpenAPI definitions when a copy of the spec is at hand (docs/testing.md)
const spec = locateSpec(path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..", ".."));
const recorder = await startRecorder(baseUrl);
let failed = 0;
for (const file of files) {
  const started = Date.now();
  try {
    const scenario = await import(pathToFileURL(path.join(dir, file)));
    await scenario.default({ baseUrl: recorder.baseUrl });
    console.log(`ok   ${file} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${file} (${Date.now() - started} ms): ${e?.stack ?? e}`);
  }
}
await recorder.close();
const crashed = serverFailures(recorder.exchanges);
console.log(`server failures (5xx) in ${recorder.exchanges.length} answers: ${crashed.length}`);
for (const failure of crashed) console.log(`  FAIL ${failure}`);
let checksFailed = crashed.length ? 1 : 0;
if (spec.apiDir) {
  if (!report(checkExchanges(recorder.exchanges, spec.apiDir))) checksFailed++;
  if (!selfCheck(spec.apiDir)) {
    checksFailed++;
    console.log("conformance: FAIL the check let answers through that break the spec; it checks nothing");
  }
} else {
  console.log(`conformance: not checked, no Matrix spec at ${spec.root} (set MATRIX_SPEC_DIR to a matrix-spec checkout or a copy of its data/ folder)`);
}
console.log(`${files.length - failed} passed, ${failed} failed${checksFailed ? `, ${checksFailed} check(s) over all answers failed` : ""}`);
process.exit(failed === 0 && checksFailed === 0 && files.length > 0 ? 0 : 1);
