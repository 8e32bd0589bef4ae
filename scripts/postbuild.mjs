// After `trunk build`: moves Trunk's inline start-up script into a file of its
// own (so the Content-Security-Policy needs no 'unsafe-inline'), gives it an
// integrity hash like Trunk's other assets, and writes the service worker's
// list of files for offline use.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { minify } from "terser";

const dist = process.argv[2] ?? "dist";
const version = process.argv[3] ?? "dev";
const indexPath = join(dist, "index.html");
let html = readFileSync(indexPath, "utf8");

const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const short = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

// Trunk minifies HTML and CSS but not wasm-bindgen's glue: terser does, and the
// integrity hashes that name the file are brought up to date.
for (const f of readdirSync(dist).filter((f) => /^app-.*\.js$/.test(f)).concat(["tools/tools.js", "embed/embed.js", "worker/core.js", "worker/worker.js", "api/core.js"])) {
  const path = join(dist, f);
  const before = readFileSync(path);
  const out = await minify(before.toString(), { module: true, compress: { passes: 2 }, mangle: true });
  writeFileSync(path, out.code);
  html = html.split(sri(before)).join(sri(Buffer.from(out.code)));
}

// The boot script starts the page, or, for a documentation page's frame
// (`?embed=1`), the embed view's own smaller bundle in its place. The
// page's wasm is fetched by the boot script itself (with its integrity),
// not preloaded, so a frame never downloads it.
const inline = /<script type="?module"?>([\s\S]*?)<\/script>/;
const m = html.match(inline);
if (m) {
  const trunk = m[1];
  const glue = trunk.match(/from '\.\/(app-[0-9a-f]+\.js)'/)?.[1];
  const wasmFile = trunk.match(/module_or_path: '\.\/(app-[0-9a-f]+_bg\.wasm)'/)?.[1];
  if (!glue || !wasmFile) {
    console.error("postbuild: Trunk's start-up script has changed shape; the boot script cannot be written");
    process.exit(1);
  }
  const preload = new RegExp(`<link[^>]*href=\\.?/?${wasmFile.replace(".", "\\.")}[^>]*>`);
  if (!preload.test(html)) {
    console.error("postbuild: the page's wasm preload was not found");
    process.exit(1);
  }
  html = html.replace(preload, "");
  const wasmSri = sri(readFileSync(join(dist, wasmFile)));
  const embedSri = sri(readFileSync(join(dist, "embed", "embed_bg.wasm")));
  const body = `const framed = location.search.slice(1).split("&").some((kv) => kv === "embed=1" || kv === "embed");
if (framed) {
  const wasm = fetch("./embed/embed_bg.wasm", { integrity: "${embedSri}" });
  const embed = await import("./embed/embed.js");
  await embed.default({ module_or_path: wasm });
} else {
  const wasm = fetch("./${wasmFile}", { integrity: "${wasmSri}" });
  const bindings = await import("./${glue}");
  const ready = await bindings.default({ module_or_path: wasm });
  window.wasmBindings = bindings;
  dispatchEvent(new CustomEvent("TrunkApplicationStarted", { detail: { wasm: ready } }));
}
`;
  const name = `boot-${short(body)}.js`;
  writeFileSync(join(dist, name), body);
  html = html.replace(inline, `<script type="module" src="./${name}" integrity="${sri(body)}" crossorigin="anonymous"></script>`);
}
if (/<script(?![^>]*\ssrc=)[^>]*>/.test(html)) {
  console.error("postbuild: an inline script is left in index.html; the CSP would block it");
  process.exit(1);
}

// The service worker keeps every file of this build for offline use.
const files = [];
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) walk(p);
    else if (!f.startsWith(".") && f !== "sw.js") files.push("./" + relative(dist, p).split("\\").join("/"));
  }
};
walk(dist);
files.sort();
const swTemplate = readFileSync("www/sw.js", "utf8");
const cacheName = `usp-${version}-${short(files.join("\n") + html)}`;
const sw = swTemplate.replace('"__CACHE__"', JSON.stringify(cacheName)).replace("[/*__FILES__*/]", JSON.stringify(files.concat(["./"])));
writeFileSync(join(dist, "sw.js"), (await minify(sw, { compress: true, mangle: true })).code);
writeFileSync(indexPath, html);
console.log(`postbuild: ${files.length} files, cache ${cacheName}`);
