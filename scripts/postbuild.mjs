// After `trunk build`: moves Trunk's inline start-up script into a file of its
// own (so the Content-Security-Policy needs no 'unsafe-inline'), gives it an
// integrity hash like Trunk's other assets, and writes the service worker's
// list of files for offline use.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { minify } from "terser";
import { prerender } from "./prerender.mjs";

const dist = process.argv[2] ?? "dist";
const version = process.argv[3] ?? "dev";
const indexPath = join(dist, "index.html");
let html = readFileSync(indexPath, "utf8");

const sri = (bytes) => "sha384-" + createHash("sha384").update(bytes).digest("base64");
const short = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

// wasm-bindgen names each function the glue hands the wasm after the binding
// and a hash of it (`__wbg_addEventListener_f2d27251d333a631`), once in the
// wasm's import section and once in the glue: some 7 kB of names whose hex
// does not compress. Each is renamed to a short one in both, which the first
// load does not pay for. A name found other than once in the glue is kept.
const leb = (n) => { const out = []; do { let b = n & 0x7f; n >>>= 7; if (n) b |= 0x80; out.push(b); } while (n); return out; };
function shortenNames(jsPath, wasmPath) {
  const wasm = readFileSync(wasmPath);
  let js = readFileSync(jsPath, "utf8");
  const word = (w) => new RegExp(`(?<![\\w$])${w.replace(/\$/g, "\\$")}(?![\\w$])`, "g");
  const uses = (w) => (js.match(word(w)) ?? []).length;
  let p = 8;
  const u = () => { let r = 0, s = 0, b; do { b = wasm[p++]; r |= (b & 0x7f) << s; s += 7; } while (b & 0x80); return r >>> 0; };
  const name = () => { const n = u(); const t = wasm.toString("utf8", p, p + n); p += n; return t; };
  const str = (t) => { const b = Buffer.from(t, "utf8"); return [...leb(b.length), ...b]; };
  const chunks = [wasm.subarray(0, 8)];
  let renamed = 0;
  while (p < wasm.length) {
    const start = p;
    const id = wasm[p++];
    const size = u();
    const end = p + size;
    if (id !== 2 && id !== 7) {
      chunks.push(wasm.subarray(start, end));
      p = end;
      continue;
    }
    const out = [];
    const count = u();
    out.push(...leb(count));
    for (let i = 0; i < count; i++) {
      const module = id === 2 ? name() : null;
      let field = name();
      const descStart = p;
      const kind = wasm[p++];
      if (id === 7 || kind === 0) u();
      else if (kind === 1) { p++; const fl = u(); u(); if (fl & 1) u(); }
      else if (kind === 2) { const fl = u(); u(); if (fl & 1) u(); }
      else if (kind === 3) { p += 2; }
      else if (kind === 4) { p++; u(); }
      // An import is one key of the glue's imports object; an export of
      // wasm-bindgen's own (a closure shim's hashed name, the allocator) is
      // used wherever the glue calls it. The bundle's own exports keep
      // their names: other scripts import them.
      const fits = id === 2 ? field.length > 4 && uses(field) === 1 : /h[0-9a-f]{16}$|^__wbindgen_/.test(field) && uses(field) > 0;
      if (fits) {
        const short = "$" + (renamed++).toString(36);
        js = js.replace(word(field), short);
        field = short;
      }
      if (module !== null) out.push(...str(module));
      out.push(...str(field), ...wasm.subarray(descStart, p));
    }
    chunks.push(Buffer.from([id, ...leb(out.length), ...out]));
    p = end;
  }
  writeFileSync(wasmPath, Buffer.concat(chunks));
  writeFileSync(jsPath, js);
}
const appGlue = readdirSync(dist).find((f) => /^app-[0-9a-f]+\.js$/.test(f));
for (const [js, wasm] of [
  [appGlue, appGlue?.replace(/\.js$/, "_bg.wasm")],
  ["tools/tools.js", "tools/tools_bg.wasm"],
  ["embed/embed.js", "embed/embed_bg.wasm"],
  ["worker/core.js", "worker/core_bg.wasm"],
  ["api/core.js", "api/core_bg.wasm"],
  ["api/build/fences.js", "api/build/fences_bg.wasm"],
]) {
  if (!js) continue;
  const before = readFileSync(join(dist, js));
  shortenNames(join(dist, js), join(dist, wasm));
  html = html.split(sri(before)).join(sri(readFileSync(join(dist, js))));
}

// Trunk minifies HTML and CSS but not wasm-bindgen's glue: terser does, and the
// integrity hashes that name the file are brought up to date.
const snippets = [];
const walkSnippets = (dir) => readdirSync(join(dist, dir)).forEach((f) => {
  const p = `${dir}/${f}`;
  if (statSync(join(dist, p)).isDirectory()) walkSnippets(p); else if (f.endsWith(".js")) snippets.push(p);
});
walkSnippets("snippets");
for (const f of readdirSync(dist).filter((f) => /^app-.*\.js$/.test(f)).concat(snippets, ["tools/tools.js", "embed/embed.js", "worker/core.js", "worker/worker.js", "api/core.js", "api/build/fences.js"])) {
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
  // The first view is painted before the page's wasm is asked for, so its
  // download never stands before the answer's first paint (a tab out of
  // sight, which paints nothing, starts within 200 ms all the same).
  await Promise.race([new Promise((painted) => requestAnimationFrame(() => setTimeout(painted, 0))), new Promise((late) => setTimeout(late, 200))]);
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

// The first view, drawn by the page itself in headless Chromium, written
// into index.html (scripts/prerender.mjs): the answer before the wasm.
writeFileSync(indexPath, html);
html = await prerender(dist, html);

// The service worker keeps every file of this build for offline use, but
// the kit's fence reader (api/fences.js and api/build/), which only a site's
// build runs, in Node.
const files = [];
const buildTime = (p) => /^api\/(fences\.(js|d\.ts)|build(\/|$))/.test(relative(dist, p).split("\\").join("/"));
const walk = (dir) => {
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (buildTime(p)) continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (!f.startsWith(".") && f !== "sw.js" && f !== "offline.json") files.push("./" + relative(dist, p).split("\\").join("/"));
  }
};
walk(dist);
files.sort();
const swTemplate = readFileSync("www/sw.js", "utf8");
// Named for every file's content, not only the names: a build that changes
// a bundle loaded on demand (whose file name carries no hash) is a new cache,
// so a returning visitor's service worker fetches it anew.
const contents = createHash("sha256");
for (const f of files) contents.update(f).update(readFileSync(join(dist, f)));
const cacheName = `usp-${version}-${short(contents.digest("hex") + html)}`;
const sw = swTemplate.replace('"__CACHE__"', JSON.stringify(cacheName));
writeFileSync(join(dist, "offline.json"), JSON.stringify(files.concat(["./"])));
writeFileSync(join(dist, "sw.js"), (await minify(sw, { compress: true, mangle: true })).code);
writeFileSync(indexPath, html);
console.log(`postbuild: ${files.length} files, cache ${cacheName}`);
