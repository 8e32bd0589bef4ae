// Writes DIST/rules.json: every rule's sentence and basis, from the same
// catalogue as `planner rules`, read through the documentation kit's core
// in Node. The page fetches it the first time a reader opens a rule badge.
//   node scripts/rules-json.mjs [dist]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const dist = process.argv[2] ?? "dist";
const core = await import(pathToFileURL(join(dist, "api", "core.js")).href);
core.initSync({ module: readFileSync(join(dist, "api", "core_bg.wasm")) });
const rules = core.rules().map(({ id, quote, basis }) => ({ id, quote, basis }));
writeFileSync(join(dist, "rules.json"), JSON.stringify(rules));
console.log(`rules.json: ${rules.length} rules`);
