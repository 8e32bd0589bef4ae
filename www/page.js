// The page's few lines of JavaScript, imported by its wasm (a snippet file
// of wasm-bindgen's: the Content-Security-Policy needs no inline script).
// What is plain DOM work with no part in the answer costs less here than
// as wasm in the page's first load.

/// `import()` of a module beside the page, and its stylesheet, resolved
/// once both are in: a part never shows unstyled.
export function load_bundle(path, css) {
  const href = new URL(css, document.baseURI).href;
  const styled = [...document.styleSheets].some((s) => s.href === href) ? null : new Promise((done) => {
    const link = Object.assign(document.createElement("link"), { rel: "stylesheet", href });
    link.onload = link.onerror = done;
    document.head.append(link);
  });
  return Promise.all([import(new URL(path, document.baseURI).href), styled]).then(([module]) => module);
}

/// Rule quotes (a <details> behind each badge) close on Escape, which
/// returns the focus to their badge, and on a click outside them.
export function close_quotes() {
  const open = () => document.querySelectorAll("details.rule[open]");
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    for (const d of open()) {
      d.removeAttribute("open");
      d.querySelector("summary")?.focus();
    }
  });
  document.addEventListener("click", (e) => {
    for (const d of open()) if (!d.contains(e.target)) d.removeAttribute("open");
  });
}

/// Undo and redo from the keyboard outside text fields (a checkbox or a
/// drop-down has no undo of its own, so the page's is theirs): Ctrl+Z,
/// Ctrl+Shift+Z and Ctrl+Y press the page's Undo and Redo buttons. In a
/// text field they are the browser's.
export function undo_keys() {
  document.addEventListener("keydown", (e) => {
    const el = e.target instanceof Element ? e.target : null;
    if (el?.matches("input,textarea,[contenteditable]") && !el.matches("input[type=checkbox],input[type=radio],input[type=file]")) return;
    if (!(e.ctrlKey || e.metaKey)) return;
    const key = e.key.toLowerCase();
    const button = key === "z" ? (e.shiftKey ? "redo" : "undo") : key === "y" ? "redo" : null;
    if (!button) return;
    e.preventDefault();
    document.querySelector(`[data-testid="${button}"]`)?.click();
  });
}

/// Once the page has drawn the change under way (after this task), puts the
/// focus on what the first of `selectors` (one a line) finds.
export function focus_later(selectors) {
  setTimeout(() => {
    for (const s of selectors.split("\n")) {
      const el = document.querySelector(s);
      if (el) return el.focus();
    }
  });
}

/// The banner a panic shows: what went wrong, and the work kept in this
/// browser, to copy.
export function crash_banner(what, saved) {
  const banner = Object.assign(document.createElement("div"), { className: "crash" });
  banner.setAttribute("role", "alert");
  banner.dataset.testid = "crash";
  const p = document.createElement("p");
  p.textContent = `Something went wrong inside the planner (${what}). Your work is kept in this browser; reload the page to continue. Your scenario, to copy:`;
  const area = Object.assign(document.createElement("textarea"), { readOnly: true, textContent: saved });
  area.setAttribute("aria-label", "Your scenario");
  banner.append(p, area);
  document.body?.prepend(banner);
}
