// <update-source-trace>: a live example of the planner inside a
// documentation page, styled by the page, with no frame.
//
//   <script type="module" src="/planner/api/element.js"></script>
//   <update-source-trace src="floor.json" view="both"></update-source-trace>
//   <update-source-trace view="diagram" item="components">
//     <template>{ "version": 2, ... }</template>
//   </update-source-trace>
//
// The scenario: `src` (a JSON file on the same site, resolved against the
// page, so a site under a base path writes it relative or with that path),
// a `scenario` attribute holding the JSON, a <template> child, or a
// <script type="application/json"> child (where the site keeps it).
// view = trace | diagram | both (default both); item = one item's picture,
// card and steps (numbered as in the whole trace, with a line saying the
// other items' steps are left out); caption = the heading instead of the
// scenario's title (a fence's title=); theme = auto | light | dark (auto:
// the site's own light/dark switch, in the site's own colours, of MkDocs
// Material, mdBook, Docusaurus, Sphinx's Furo or MkDocs' own (Bootstrap's
// data-bs-theme); VitePress's and the PyData theme's switch; else the page's color-scheme, else the page's own
// background, else the system's); planner = the full planner's
// address (default: the site's `globalThis.UpdateSourcePlanner.planner`,
// else beside this kit; empty: no link); assets = where core_bg.wasm and
// element.css are, for a site that copies the kit elsewhere (or set
// `globalThis.UpdateSourcePlanner = { assets: "/static/planner/api/" }`
// before loading this module).
// Theming: CSS custom properties --ust-fg, --ust-bg, --ust-muted, --ust-line,
// --ust-panel, --ust-ok, --ust-bad, --ust-accent, --ust-font on the element.
// It fetches nothing but its own files and `src`. Imported where there is
// no DOM (server-side rendering, Node), it defines nothing.
import init, { trace, diagram, link, heading } from "./planner.js";

const NAME = "update-source-trace";
const WORDS = { "domain-settings": "domain settings", components: "components", programs: "programs and hot fixes" };
const VIEWS = ["trace", "diagram", "both"];
const THEMES = ["auto", "light", "dark"];
const place = (e) => `line ${e.line}, column ${e.column}: ${e.text}`;

/** The kit's own files: beside this module, where bundlers can follow the
 *  literal URLs, unless the element or the page says they are elsewhere. */
function assetUrl(host, name) {
  const base = host.getAttribute("assets") ?? globalThis.UpdateSourcePlanner?.assets;
  if (base) return new URL(name, new URL(base, document.baseURI));
  return name === "core_bg.wasm" ? new URL("./core_bg.wasm", import.meta.url) : new URL("./element.css", import.meta.url);
}

/** Which documentation generator made the page, when it is one whose
 *  colours the element takes (element.css reads its custom properties):
 *  "material", "docusaurus", "mdbook", or null. */
function siteKind() {
  const html = document.documentElement;
  if (document.body?.hasAttribute("data-md-color-scheme") || html.hasAttribute("data-md-color-scheme")) return "material";
  if (html.hasAttribute("data-theme") && getComputedStyle(html).getPropertyValue("--ifm-color-primary").trim()) return "docusaurus";
  if (["light", "rust", "coal", "navy", "ayu"].some((c) => html.classList.contains(c)) && getComputedStyle(html).getPropertyValue("--sidebar-bg").trim()) return "mdbook";
  if (document.body?.hasAttribute("data-theme") && getComputedStyle(document.body).getPropertyValue("--color-background-primary").trim()) return "furo";
  if (html.hasAttribute("data-bs-theme") && getComputedStyle(html).getPropertyValue("--bs-body-bg").trim()) return "bootstrap";
  return null;
}

/** The site's light or dark setting, read from the markers the common
 *  documentation generators put on the page; null when there is none. */
function siteTheme() {
  const html = document.documentElement;
  const material = document.body?.getAttribute("data-md-color-scheme") ?? html.getAttribute("data-md-color-scheme");
  if (material) return material === "slate" ? "dark" : "light";
  const docusaurus = html.getAttribute("data-theme") ?? document.body?.getAttribute("data-theme") ?? html.getAttribute("data-bs-theme");
  if (docusaurus === "dark" || docusaurus === "light") return docusaurus;
  if (["coal", "navy", "ayu"].some((c) => html.classList.contains(c))) return "dark";
  if (["light", "rust"].some((c) => html.classList.contains(c))) return "light";
  if (html.classList.contains("dark")) return "dark";
  const scheme = getComputedStyle(html).colorScheme;
  if (scheme === "dark" || scheme === "light") return scheme;
  return pageBackground();
}

/** A page with no switch the element knows (Sphinx's Alabaster or Read the
 *  Docs theme, a hand-written page): its own background, where it paints
 *  one, so the element is light on a light page and dark on a dark one
 *  whatever the system prefers; null when the page paints none. */
function pageBackground() {
  for (const node of [document.body, document.documentElement]) {
    const [r, g, b, a = 1] = (node ? getComputedStyle(node).backgroundColor.match(/[\d.]+/g) ?? [] : []).map(Number);
    if (r === undefined || a < 0.5) continue;
    return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? "dark" : "light";
  }
  return null;
}

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

/** Every element on the page, told when the site or the system switches theme. */
const shown = new Set();
let watching = false;
function watchThemes() {
  if (watching) return;
  watching = true;
  const retheme = () => {
    shown.forEach((e) => e.applyTheme());
    themeFigures();
  };
  const attributes = ["class", "data-theme", "data-bs-theme", "data-md-color-scheme", "style"];
  const observer = new MutationObserver(retheme);
  observer.observe(document.documentElement, { attributes: true, attributeFilter: attributes });
  const watchBody = () => document.body && observer.observe(document.body, { attributes: true, attributeFilter: attributes });
  if (document.body) watchBody();
  else document.addEventListener("DOMContentLoaded", () => { watchBody(); retheme(); }, { once: true });
  matchMedia("(prefers-color-scheme: dark)").addEventListener("change", retheme);
}

/** The static figures on the page (`static` fences, made at build time)
 *  take the theme the elements take, so the two agree where figure.css
 *  alone would follow the system (a light-only site on a dark system). */
function themeFigures() {
  const figures = document.querySelectorAll(".usp-figure");
  if (!figures.length) return;
  const theme = siteTheme() ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
  figures.forEach((f) => { if (f.dataset.uspTheme !== theme) f.dataset.uspTheme = theme; });
}

function define() {
  class UpdateSourceTrace extends HTMLElement {
    static observedAttributes = ["src", "scenario", "view", "item", "planner", "assets", "theme", "caption"];

    #queued = false;
    #renders = 0;
    #sheet = null;
    #styled = null;
    #body = null;

    constructor() {
      super();
      this.attachShadow({ mode: "open" });
    }

    connectedCallback() {
      shown.add(this);
      watchThemes();
      this.applyTheme();
      this.#schedule();
    }

    disconnectedCallback() {
      shown.delete(this);
    }

    attributeChangedCallback(name, old, value) {
      if (old === value) return;
      if (name === "theme") this.applyTheme();
      else this.#schedule();
    }

    /** One render for any number of changes in the same task: an upgrade
     *  reports each attribute, and a script may set several at once. */
    #schedule() {
      if (this.#queued) return;
      this.#queued = true;
      queueMicrotask(() => {
        this.#queued = false;
        if (this.isConnected) this.render();
      });
    }

    /** The colours: `theme`, or the site's setting, or the system's; when
     *  the element follows the site, the site's own palette (data-ust-site). */
    applyTheme() {
      const asked = this.getAttribute("theme") ?? "auto";
      const fixed = asked === "light" || asked === "dark";
      const theme = fixed ? asked : siteTheme() ?? (matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light");
      if (this.getAttribute("data-ust-theme") !== theme) this.setAttribute("data-ust-theme", theme);
      const site = fixed ? null : siteKind();
      if (site && this.getAttribute("data-ust-site") !== site) this.setAttribute("data-ust-site", site);
      if (!site && this.hasAttribute("data-ust-site")) this.removeAttribute("data-ust-site");
    }

    /** The scenario's text, or a reason there is none. */
    async scenarioText() {
      const src = this.getAttribute("src");
      if (src) {
        const url = new URL(src, document.baseURI);
        if (url.origin !== location.origin) throw new Error(`src must be on this site (${url.origin} is not)`);
        const r = await fetch(url);
        if (!r.ok) throw new Error(`${src} could not be loaded (HTTP ${r.status}, looked for at ${url.pathname})`);
        return r.text();
      }
      const attribute = this.getAttribute("scenario");
      if (attribute) return attribute;
      const template = [...this.children].find((c) => c.localName === "template");
      // A parser puts the text in .content; a framework that builds the
      // element from JSX (React) puts it in the element itself.
      if (template) return template.content.textContent.trim() ? template.content.textContent : template.textContent;
      const inline = this.querySelector('script[type="application/json"]');
      if (inline) return inline.textContent;
      throw new Error('no scenario: give src="…", a scenario="…" attribute, or a <template> child holding the JSON');
    }

    box(message, lines = []) {
      const box = el("div", { class: "error", role: "alert", part: "error" }, el("strong", {}, "Update Source Planner: "), message);
      if (lines.length) box.append(el("ul", {}, ...lines.map((l) => el("li", {}, l))));
      return box;
    }

    async render() {
      const run = ++this.#renders;
      const root = this.shadowRoot;
      const body = this.#frame(root);
      const show = (...parts) => run === this.#renders && body.replaceChildren(...parts);
      show(el("p", { class: "loading" }, "Loading…"));
      const view = this.getAttribute("view") ?? "both";
      const item = this.getAttribute("item") ?? undefined;
      const theme = this.getAttribute("theme") ?? "auto";
      if (!VIEWS.includes(view)) return show(this.box(`view="${view}" is not a view: use trace, diagram or both.`));
      if (item !== undefined && !(item in WORDS)) {
        return show(this.box(`item="${item}" is not an item: use components, domain-settings or programs.`));
      }
      if (!THEMES.includes(theme)) return show(this.box(`theme="${theme}" is not a theme: use auto, light or dark.`));
      let text;
      try {
        await init(assetUrl(this, "core_bg.wasm"));
        text = await this.scenarioText();
      } catch (e) {
        return show(this.box(String(e.message ?? e)));
      }
      // Entries named as the figure and the command line name them: by
      // position ("entry 3"), since the JSON's own lines are not the list's.
      const t = trace(text);
      if (!t.steps) return show(this.box("this is not a scenario.", t.errors.map(place)));
      const parts = [];
      // Headed as the static figure is: the caption or the scenario's title, and the case.
      const head = heading(text, { item, caption: this.getAttribute("caption") ?? undefined });
      if (head.title) parts.push(el("h3", { class: "title", part: "title" }, head.title), el("p", { class: "case" }, head.case));
      // Errors first: the outcome below is without the lines they are on.
      if (t.errors.length) {
        const n = t.errors.length;
        parts.push(this.box(`${n} ${n === 1 ? "line has an error and is" : "lines have errors and are"} left out of the answer below.`, t.errors.map(place)));
      }
      const outcome = el("ul", { class: "outcome", part: "outcome" });
      for (const [key, o] of Object.entries(t.outcome)) {
        if (item !== undefined && key !== item) continue;
        // Where from and when, as the planner words it for every view.
        const words = o.words;
        outcome.append(el("li", { class: `card ${o.status}`, "data-item": key, "data-status": o.status }, el("span", { class: "item" }, WORDS[key] ?? key), el("span", { class: "status" }, words)));
      }
      parts.push(outcome);
      if (view !== "trace") {
        const figure = el("figure", { class: "picture", part: "diagram" });
        // Two drawings, the style sheet shows one: sources beside the agent
        // where the element is wide, stacked under it where it is narrow.
        for (const scale of ["page", "phone"]) {
          const svg = diagram(text, { item, themed: true, scale });
          if (typeof svg !== "string") return show(this.box(svg.errors.map((e) => e.text).join("; ") + "."));
          // Named by the heading, as the static figure's drawings are.
          const drawing = el("div", { class: scale === "page" ? "wide" : "narrow", role: "group", "aria-label": head.title });
          // The SVG is the resolver's own drawing, every text in it escaped.
          drawing.innerHTML = svg;
          figure.append(drawing);
        }
        parts.push(figure);
      }
      if (view !== "diagram") {
        // One item's steps keep the whole trace's numbers: say why they skip.
        if (head.leftOut) parts.push(el("p", { class: "left-out" }, head.leftOut));
        const ol = el("ol", { class: "steps", part: "trace" });
        for (const s of t.steps) {
          if (item !== undefined && s.item !== undefined && s.item !== item) continue;
          const li = el("li", { class: `step kind-${s.kind}${s.result ? ` result-${s.result}` : ""}`, "data-kind": s.kind, "data-rule": s.rule, value: String(s.n) });
          li.append(el("span", { class: "rule", title: s.assumed ? "assumed: our reading where the vendor documents are silent" : "" }, s.rule), " ", s.text);
          if (s.assumed) li.append(" ", el("span", { class: "assumed" }, "assumed"));
          ol.append(li);
        }
        parts.push(ol);
      }
      // The element's own attribute, else the site's setting, else the planner
      // beside the kit; an empty one: there is no full planner to link to.
      const asked = this.getAttribute("planner") ?? globalThis.UpdateSourcePlanner?.planner;
      const planner = new URL(asked ?? "../", asked ? document.baseURI : new URL("./", import.meta.url));
      const fragment = link(text);
      if (typeof fragment === "string" && asked !== "") {
        planner.hash = fragment;
        parts.push(el("p", { class: "open" }, el("a", { href: planner.href, target: "_blank", rel: "noopener", part: "link" }, "Open in the full planner")));
      }
      // Shown once styled: no flash of the bare drawing while element.css loads.
      await this.#styled;
      show(...parts);
    }

    /** The style sheet (linked once, so it loads once) and the box the
     *  renders fill; `#styled` settles when the sheet has loaded or failed. */
    #frame(root) {
      const href = assetUrl(this, "element.css").href;
      if (this.#sheet?.href !== href) {
        this.#sheet = el("link", { rel: "stylesheet", href });
        this.#styled = new Promise((resolve) => {
          this.#sheet.addEventListener("load", resolve, { once: true });
          this.#sheet.addEventListener("error", resolve, { once: true });
        });
        this.#body = el("div", { class: "body" });
        root.replaceChildren(this.#sheet, this.#body);
      }
      return this.#body;
    }
  }
  customElements.define(NAME, UpdateSourceTrace);
}

if (typeof HTMLElement !== "undefined" && typeof customElements !== "undefined" && !customElements.get(NAME)) {
  define();
  if (document.querySelector(".usp-figure")) watchThemes();
  themeFigures();
  // Figures that arrive later: a site that navigates without reloading.
  new MutationObserver(() => {
    if (document.querySelector(".usp-figure:not([data-usp-theme])")) {
      watchThemes();
      themeFigures();
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
}
