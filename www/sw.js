// Service worker: after one visit the planner opens and works with the
// network off. Same-origin GETs only; the page makes no other requests.
// The list of files to keep is a file of its own (offline.json), fetched
// when the worker installs: the page's first load does not carry it.
const CACHE = "__CACHE__";

self.addEventListener("install", (event) => {
  event.waitUntil(
    Promise.all([caches.open(CACHE), fetch("./offline.json", { cache: "no-store" }).then((r) => r.json())])
      .then(([cache, files]) => cache.addAll(files))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("usp-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const req = event.request;
  if (req.method !== "GET" || new URL(req.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // The page itself ignores its query (?embed=1) and fragment.
      const hit = await cache.match(req, { ignoreSearch: req.mode === "navigate" });
      if (hit) return hit;
      // A story's page is kept as examples/<story>/index.html and opened
      // as examples/<story>/.
      const url = new URL(req.url);
      if (req.mode === "navigate" && url.pathname.endsWith("/")) {
        const page = await cache.match(new URL("index.html", url));
        if (page) return page;
      }
      try {
        return await fetch(req);
      } catch (e) {
        if (req.mode === "navigate") {
          const page = await cache.match("./");
          if (page) return page;
        }
        throw e;
      }
    }),
  );
});
