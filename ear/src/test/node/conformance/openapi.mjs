// The Matrix specification's own OpenAPI definitions (matrix-org/matrix-spec, data/api), loaded as
// they are: every $ref to another file or into one is inlined, so each response has one JSON Schema
// (OpenAPI 3.1 = JSON Schema 2020-12) that Ajv compiles. Nothing here restates the spec.
import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";

// the APIs a homeserver answers to clients: the client-server API and the key server endpoint of
// the server-server API (/_matrix/key/v2/server); push gateway, identity and application-service
// APIs are answered by other services
const API_DIRS = ["client-server", "server-server"];

/** The spec's data/api directory under {@code specRoot} (a checkout or a copy of matrix-spec's data), or null. */
export function specApiDir(specRoot) {
  for (const candidate of [path.join(specRoot, "data", "api"), path.join(specRoot, "api"), specRoot]) {
    if (existsSync(path.join(candidate, "client-server", "sync.yaml"))) return candidate;
  }
  return null;
}

/**
 * Loads every operation of the APIs above: [{ method, template, regex, file, deprecated, responses,
 * parameters, requestBody }], each with its $refs inlined.
 */
export function loadOperations(apiDir) {
  const resolver = new RefResolver();
  const operations = [];
  for (const dir of API_DIRS) {
    const full = path.join(apiDir, dir);
    for (const name of readdirSync(full).filter((f) => f.endsWith(".yaml")).sort()) {
      const file = path.join(full, name);
      const doc = resolver.document(file);
      if (!doc?.paths) continue;
      for (const [template, item] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          if (!["get", "put", "post", "delete", "patch", "head"].includes(method)) continue;
          for (const basePath of basePaths(operation.servers ?? item.servers ?? doc.servers)) {
            const full = basePath + template;
            operations.push({
              method: method.toUpperCase(),
              template: full,
              regex: new RegExp("^" + full.split(/\{[^}]+\}/).map(escapeRegex).join("[^/]*") + "$"),
              file: `${dir}/${name}`,
              deprecated: operation.deprecated === true,
              responses: resolver.resolve(operation.responses ?? {}, file, doc),
              // what a request may carry (the fuzz scenario builds its requests from these)
              parameters: resolver.resolve([...(item.parameters ?? []), ...(operation.parameters ?? [])], file, doc),
              requestBody: resolver.resolve(operation.requestBody ?? null, file, doc),
            });
          }
        }
      }
    }
  }
  // a literal path wins over a template that also matches it (/rooms/{roomId}/joined_members is not
  // /rooms/{roomId}/state/{eventType}): fewer placeholders first
  operations.sort((a, b) => placeholders(a.template) - placeholders(b.template));
  return operations;
}

function placeholders(template) {
  return (template.match(/\{/g) ?? []).length;
}

function basePaths(servers) {
  const paths = new Set();
  for (const server of servers ?? []) {
    const variable = server.variables?.basePath;
    if (variable) {
      paths.add(variable.default);
      for (const value of variable.enum ?? []) paths.add(value);
    } else if (server.url?.startsWith("/")) {
      paths.add(server.url);
    }
  }
  return paths.size ? [...paths] : [""];
}

function escapeRegex(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Finds the operation a request went to, or null when the spec has no such endpoint. */
export function findOperation(operations, method, pathname) {
  return operations.find((op) => op.method === method && op.regex.test(pathname)) ?? null;
}

/**
 * A validator per response schema: `validate(operation, status, body)` returns null when the body
 * matches the documented schema of that status, else the errors; `undefined` when the spec
 * documents no JSON body for that status.
 */
export function responseValidator() {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  // the spec's own string formats (data/string-formats.yaml): their patterns are in the schemas
  // beside them, so the formats themselves only name what the string is
  for (const format of ["mx-user-id", "mx-room-id", "mx-event-id", "mx-server-name", "mx-mxc-uri",
    "mx-room-alias", "mx-unpadded-base64", "mx-oauth-scope", "mx-server-name-or-mx-server-hostname"]) {
    ajv.addFormat(format, true);
  }
  ajv.addFormat("uint64", true);
  ajv.addFormat("int64", true);
  const compiled = new Map();
  return (operation, status, body) => {
    const response = operation.responses[String(status)] ?? operation.responses[`${String(status)[0]}XX`];
    const schema = response?.content?.["application/json"]?.schema;
    if (!schema) return undefined;
    const key = `${operation.method} ${operation.template} ${status}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(schema);
      compiled.set(key, validate);
    }
    return validate(body) ? null : validate.errors;
  };
}

/**
 * Inlines $refs: "other.yaml", "other.yaml#/pointer", "#/pointer" (into the same file). A ref
 * that is already being inlined further up (a recursive schema) becomes {}, which accepts what
 * it describes; the spec's response schemas recurse only in free-form parts.
 */
class RefResolver {
  constructor() {
    this.files = new Map();
  }

  document(file) {
    if (!this.files.has(file)) {
      this.files.set(file, yaml.load(readFileSync(file, "utf8")));
    }
    return this.files.get(file);
  }

  resolve(node, file, doc, stack = []) {
    if (Array.isArray(node)) return node.map((item) => this.resolve(item, file, doc, stack));
    if (node === null || typeof node !== "object") return node;
    if (typeof node.$ref === "string") {
      const [target, pointer = ""] = node.$ref.split("#");
      const targetFile = target ? path.resolve(path.dirname(file), target) : file;
      const targetDoc = target ? this.document(targetFile) : doc;
      const id = `${targetFile}#${pointer}`;
      const { $ref, ...siblings } = node;
      if (stack.includes(id)) return { ...siblings };
      const resolved = this.resolve(pointTo(targetDoc, pointer), targetFile, targetDoc, [...stack, id]);
      // OpenAPI 3.1 lets a $ref have siblings (a description, say); they refine the target
      return Object.keys(siblings).length ? { ...resolved, ...this.resolve(siblings, file, doc, stack) } : resolved;
    }
    const out = {};
    for (const [key, value] of Object.entries(node)) {
      // examples are documentation; they may even be invalid on purpose
      out[key] = key === "example" || key === "examples" ? value : this.resolve(value, file, doc, stack);
    }
    return out;
  }
}

function pointTo(doc, pointer) {
  let node = doc;
  for (const part of pointer.split("/").filter(Boolean)) {
    node = node?.[decodeURIComponent(part.replace(/~1/g, "/").replace(/~0/g, "~"))];
  }
  if (node === undefined) throw new Error(`unresolvable $ref pointer ${pointer}`);
  return node;
}
