// Prints the gzipped size of every file in dist/, the first load, and the
// largest contributors to the wasm (twiggy, on a build that keeps names).
import { gzipSync } from "node:zlib";
import { readFileSync, readdirSync, statSync, mkdtempSync } from "node:fs";
import { join, relative } from "node:path";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";

// --check: the figures, then exit 1 when the first load is over its budget
// (the test command's guard), without the slower breakdown.
const check = process.argv.includes("--check");
const dist = process.argv.slice(2).find((a) => !a.startsWith("--")) ?? "dist";
const files = [];
const walk = (d) => readdirSync(d).forEach((f) => {
  const p = join(d, f);
  if (statSync(p).isDirectory()) walk(p); else files.push(p);
});
walk(dist);
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + " KiB";
let total = 0, first = 0;
const rows = files.map((p) => {
  const raw = readFileSync(p);
  const gz = gzipSync(raw, { level: 9 }).length;
  const name = relative(dist, p);
  // The first load: everything but what is fetched on demand (the examples,
  // the Fleet and Evidence tabs' bundle, loaded when one is first opened,
  // the worker, started by the first long Fleet job, the rules'
  // sentences, fetched when a rule badge is first opened, the embed
  // view, which a framed documentation case loads in the page's place, the
  // service worker's list of files to keep, fetched as it installs, and
  // the gallery's story pages with their style sheet and sitemap).
  const onDemand = name.startsWith("examples/") || name.startsWith("tools/") || name.startsWith("worker/") || name.startsWith("api/") || name.startsWith("docs/") || name.startsWith("embed/") || name === "rules.json" || name === "offline.json" || name === "gallery.css" || name === "sitemap.xml";
  const onFirstLoad = !onDemand;
  total += gz;
  if (onFirstLoad) first += gz;
  return { name, raw: raw.length, gz, onFirstLoad };
}).sort((a, b) => b.gz - a.gz);
console.log("file                                         raw        gzipped  first load");
for (const r of rows) console.log(`${r.name.padEnd(40)} ${kb(r.raw)} ${kb(r.gz)}  ${r.onFirstLoad ? "yes" : ""}`);
console.log(`${"all files".padEnd(40)} ${" ".repeat(10)} ${kb(total)}`);
// The target is in decimal kilobytes, the stricter reading of "250 KB".
console.log(`${"FIRST LOAD (target < 250 kB = 244.1 KiB)".padEnd(40)} ${" ".repeat(10)} ${kb(first)} = ${(first / 1000).toFixed(1)} kB ${first < 250_000 ? "(within)" : "(OVER)"}`);
// Fleet and Evidence tabs, table editor, presenter mode.
const fleet = rows.filter((r) => r.name.startsWith("tools/")).reduce((a, r) => a + r.gz, 0);
console.log(`${"TOOLS BUNDLE, on demand".padEnd(40)} ${" ".repeat(10)} ${kb(fleet)}`);
const worker = rows.filter((r) => r.name.startsWith("worker/")).reduce((a, r) => a + r.gz, 0);
// A framed case (?embed=1): the page's shell and glue, the embed bundle, not the page's wasm.
const framed = rows.filter((r) => (r.onFirstLoad && !/^app-.*\.wasm$/.test(r.name)) || r.name.startsWith("embed/")).reduce((a, r) => a + r.gz, 0);
console.log(`${"EMBED FIRST LOAD (a framed case)".padEnd(40)} ${" ".repeat(10)} ${kb(framed)} = ${(framed / 1000).toFixed(1)} kB`);
console.log(`${"WORKER, on the first long Fleet job".padEnd(40)} ${" ".repeat(10)} ${kb(worker)}`);
// The documentation kit's first load: planner.js with its wasm (target: under 60 % of the page's).
const api = rows.filter((r) => /^api\/(planner\.js|core\.js|core_bg\.wasm)$/.test(r.name)).reduce((a, r) => a + r.gz, 0);
console.log(`${"API FIRST LOAD (planner.js + core)".padEnd(40)} ${" ".repeat(10)} ${kb(api)} = ${(100 * api / first).toFixed(0)} % of the page's (target < 60 %)`);

if (check) {
  if (first >= 250_000) {
    console.error(`size: the first load is ${(first / 1000).toFixed(1)} kB, over its budget of 250 kB`);
    process.exit(1);
  }
  process.exit(0);
}

// Largest contributors: the same wasm, optimised the same way, names kept.
try {
  const tmp = mkdtempSync(join(tmpdir(), "usp-size-"));
  const wasm = "target/wasm32-unknown-unknown/release/app.wasm";
  execFileSync("wasm-bindgen", [wasm, "--out-dir", tmp, "--target", "web"], { stdio: "ignore" });
  const features = ["--enable-bulk-memory", "--enable-bulk-memory-opt", "--enable-nontrapping-float-to-int", "--enable-sign-ext",
    "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue"];
  execFileSync("wasm-opt", [...features, "-Oz", "-g", join(tmp, "app_bg.wasm"), "-o", join(tmp, "named.wasm")], { stdio: "ignore" });
  const csv = execFileSync("twiggy", ["top", "-n", "100000", "--format", "csv", join(tmp, "named.wasm")], { encoding: "utf8", maxBuffer: 1 << 28 });
  const groups = new Map();
  for (const line of csv.split("\n").slice(1)) {
    const m = line.match(/^(.*),(\d+),[\d.]+,/);
    if (!m || m[1].startsWith("custom section") || m[1].includes("names")) continue;
    const name = m[1].replace(/^"|"$/g, "");
    const crate = (name.match(/update_source_planner::(ui::)?[a-z_]+/) ?? name.match(/\b(yew|serde_json|serde_core|serde|miniz_oxide|core|alloc|std|dlmalloc|wasm_bindgen|js_sys|web_sys|gloo_[a-z]+|ipnet|hashbrown|indexmap)\b/) ?? [name.startsWith("data") ? "data (strings, tables)" : "other"])[0];
    groups.set(crate, (groups.get(crate) ?? 0) + Number(m[2]));
  }
  const sum = [...groups.values()].reduce((a, b) => a + b, 0);
  console.log("\nlargest contributors to the wasm (uncompressed bytes after wasm-opt, by crate or module):");
  for (const [k, v] of [...groups].sort((a, b) => b[1] - a[1]).slice(0, 20)) {
    console.log(`${k.padEnd(42)} ${kb(v)}  ${((100 * v) / sum).toFixed(1).padStart(5)}%`);
  }
} catch (e) {
  console.log(`\n(twiggy breakdown unavailable: ${e.message.split("\n")[0]})`);
}
