// A small static file server for dist/, on loopback only.
//   node scripts/static-server.mjs [dir] [port] [prefix] [--gzip]
// prefix (e.g. /docs/planner/) serves the bundle under a sub-path; --gzip
// compresses every answer to a browser that accepts it, as hosts do.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname } from "node:path";
import { gzipSync } from "node:zlib";

const TYPES = {
  ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".mjs": "text/javascript",
  ".wasm": "application/wasm", ".css": "text/css", ".svg": "image/svg+xml", ".json": "application/json",
  ".xml": "application/xml", ".png": "image/png", ".ico": "image/x-icon", ".txt": "text/plain",
};

export function serve(dir = "dist", port = 8080, prefix = "/", { gzip = false } = {}) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://localhost");
    let path = decodeURIComponent(url.pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end("not found");
      return;
    }
    path = path.slice(prefix.length);
    if (path === "" || path.endsWith("/")) path += "index.html";
    const file = normalize(join(dir, path));
    if (!file.startsWith(normalize(dir))) {
      res.writeHead(403).end();
      return;
    }
    try {
      const s = await stat(file);
      // A folder asked for without its slash: where hosts send it (GitHub
      // Pages, Netlify, nginx), so relative addresses resolve inside it.
      if (s.isDirectory()) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      if (!s.isFile()) throw new Error("not a file");
      const body = await readFile(file);
      const headers = { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
      if (gzip && /\bgzip\b/.test(req.headers["accept-encoding"] ?? "")) {
        res.writeHead(200, { ...headers, "content-encoding": "gzip", vary: "accept-encoding" });
        res.end(gzipSync(body, { level: 9 }));
      } else {
        res.writeHead(200, headers);
        res.end(body);
      }
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  return new Promise((resolve) => server.listen(port, "127.0.0.1", () => resolve(server)));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const [dir = "dist", port = "8080", prefix = "/"] = args.filter((a) => !a.startsWith("--"));
  const server = await serve(dir, Number(port), prefix, { gzip: args.includes("--gzip") });
  const { port: p } = server.address();
  console.log(`Update Source Planner is served at http://127.0.0.1:${p}${prefix}  (Ctrl-C to stop)`);
}
