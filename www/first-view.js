// Runs in index.html's <head>, before the first paint (written in by
// scripts/prerender.mjs; the page's policy allows it by its hash). The
// first view index.html is built with is the answer to the default example:
// a visitor with work of their own (a link's fragment, work kept in this
// browser) or a framed case (?embed=1) never sees it, not even for a
// frame: it is hidden until the page replaces it with their own answer.
// A framing site's ?theme= applies at once, as the page applies it.
(() => {
  const root = document.documentElement;
  const query = location.search.slice(1).split("&");
  const theme = query.find((kv) => kv === "theme=light" || kv === "theme=dark");
  if (theme) root.dataset.theme = theme.slice(6);
  let kept = false;
  try {
    kept = localStorage.getItem("update-source-planner.scenario") !== null;
  } catch {
    // No storage: the page cannot read kept work either.
  }
  if (kept || location.hash.length > 1 || query.some((kv) => kv === "embed=1" || kv === "embed")) root.classList.add("own-work");
  // A scenario link: the page starts on the kept work or the default
  // example while the browser inflates the link; neither is shown until
  // the link's own answer is (or the page says why it cannot open it).
  if (/^#s\d\./.test(location.hash)) root.classList.add("opening-link");
})();
