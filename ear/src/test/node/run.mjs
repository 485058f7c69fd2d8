// Runs every scenario in ./scenarios against the server at argv[2] and reports each one.
// Exit code 0 only when all pass; RealClientIT asserts on it.
import { readdir } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const baseUrl = process.argv[2];
// a comma-separated list of file-name prefixes ("accounts,messaging"); empty: all scenarios
const only = (process.argv[3] ?? "").split(",").filter(Boolean);
if (!baseUrl) {
  console.error("usage: run.mjs <base-url> [scenario-prefix,...]");
  process.exit(2);
}
const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "scenarios");
const files = (await readdir(dir)).filter((f) => f.endsWith(".mjs") && (only.length === 0 || only.some((prefix) => f.startsWith(prefix)))).sort();
let failed = 0;
for (const file of files) {
  const started = Date.now();
  try {
    const scenario = await import(pathToFileURL(path.join(dir, file)));
    await scenario.default({ baseUrl });
    console.log(`ok   ${file} (${Date.now() - started} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${file} (${Date.now() - started} ms): ${e?.stack ?? e}`);
  }
}
console.log(`${files.length - failed} passed, ${failed} failed`);
process.exit(failed === 0 && files.length > 0 ? 0 : 1);
