// <update-source-trace>: a live example of the planner inside a
// documentation page, styled by the page, with no frame.
//
//   <script type="module" src="/planner/api/element.js"></script>
//   <update-source-trace src="floor.json" view="both"></update-source-trace>
//   <update-source-trace view="diagram" item="components">
//     <script type="application/json">{ "version": 2, ... }</script>
//   </update-source-trace>
//
// Attributes: src (a scenario JSON on the same site) or an inline JSON child;
// view = trace | diagram | both (default both); item (one item's picture);
// planner (the full planner's address; default: beside this kit).
// Theming: CSS custom properties --ust-fg, --ust-bg, --ust-muted, --ust-line,
// --ust-panel, --ust-ok, --ust-bad, --ust-accent, --ust-font on the element.
// It fetches nothing but its own files and `src`.
import init, { trace, diagram, link } from "./planner.js";

const here = new URL(".", import.meta.url);

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "class") e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

const WORDS = { "domain-settings": "domain settings", components: "components", programs: "programs and hot fixes" };
const VIEWS = ["trace", "diagram", "both"];
const place = (e) => `line ${e.line}, column ${e.column}: ${e.text}`;

class UpdateSourceTrace extends HTMLElement {
  static observedAttributes = ["src", "view", "item", "planner"];

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  connectedCallback() {
    this.render();
  }

  attributeChangedCallback() {
    if (this.isConnected) this.render();
  }

  /** The scenario's text, or a reason there is none. */
  async scenarioText() {
    const src = this.getAttribute("src");
    if (src) {
      const url = new URL(src, document.baseURI);
      if (url.origin !== location.origin) throw new Error(`src must be on this site (${url.origin} is not)`);
      const r = await fetch(url);
      if (!r.ok) throw new Error(`${src} could not be loaded (HTTP ${r.status})`);
      return r.text();
    }
    const inline = this.querySelector('script[type="application/json"]');
    if (inline) return inline.textContent;
    throw new Error("no scenario: give src=\"…\" or a <script type=\"application/json\"> child");
  }

  box(message, lines = []) {
    const box = el("div", { class: "error", role: "alert", part: "error" }, el("strong", {}, "Update Source Planner: "), message);
    if (lines.length) box.append(el("ul", {}, ...lines.map((l) => el("li", {}, l))));
    return box;
  }

  async render() {
    const root = this.shadowRoot;
    const sheet = el("link", { rel: "stylesheet", href: new URL("element.css", here).href });
    root.replaceChildren(sheet, el("p", { class: "loading" }, "Loading…"));
    const view = this.getAttribute("view") ?? "both";
    const item = this.getAttribute("item") ?? undefined;
    if (!VIEWS.includes(view)) {
      root.replaceChildren(sheet, this.box(`view="${view}" is not a view: use trace, diagram or both.`));
      return;
    }
    if (item !== undefined && !(item in WORDS)) {
      root.replaceChildren(sheet, this.box(`item="${item}" is not an item: use components, domain-settings or programs.`));
      return;
    }
    let text;
    try {
      await init(new URL("core_bg.wasm", here));
      text = await this.scenarioText();
    } catch (e) {
      root.replaceChildren(sheet, this.box(String(e.message ?? e)));
      return;
    }
    // Named by line, as the full planner names them.
    const t = trace(text, { lines: true });
    if (!t.steps) {
      root.replaceChildren(sheet, this.box("this is not a scenario.", t.errors.map(place)));
      return;
    }
    const parts = [sheet];
    // Errors first: the outcome below is without the lines they are on.
    if (t.errors.length) {
      const n = t.errors.length;
      parts.push(this.box(`${n} ${n === 1 ? "line has an error and is" : "lines have errors and are"} left out of the answer below.`, t.errors.map(place)));
    }
    const outcome = el("div", { class: "outcome", part: "outcome" });
    for (const [key, o] of Object.entries(t.outcome)) {
      const words = o.status === "updated" ? `updated from ${o.source}` : o.status.replace("-", " ");
      outcome.append(el("div", { class: `card ${o.status}`, "data-item": key, "data-status": o.status }, el("span", { class: "item" }, WORDS[key] ?? key), el("span", { class: "status" }, words)));
    }
    parts.push(outcome);
    if (view !== "trace") {
      const svg = diagram(text, { item, themed: true });
      if (typeof svg !== "string") {
        root.replaceChildren(sheet, this.box(svg.errors.map((e) => e.text).join("; ") + "."));
        return;
      }
      const figure = el("figure", { class: "picture", part: "diagram" });
      // The SVG is the resolver's own drawing, every text in it escaped.
      figure.innerHTML = svg;
      parts.push(figure);
    }
    if (view !== "diagram") {
      const ol = el("ol", { class: "steps", part: "trace" });
      for (const s of t.steps) {
        const li = el("li", { class: `step kind-${s.kind}${s.result ? ` result-${s.result}` : ""}`, "data-kind": s.kind, "data-rule": s.rule });
        li.append(el("span", { class: "rule", title: s.assumed ? "assumed: our reading where the vendor documents are silent" : "" }, s.rule), " ", s.text);
        if (s.assumed) li.append(" ", el("span", { class: "assumed" }, "assumed"));
        ol.append(li);
      }
      parts.push(ol);
    }
    const planner = new URL(this.getAttribute("planner") ?? "../", here);
    const fragment = link(text);
    if (typeof fragment === "string") {
      planner.hash = fragment;
      parts.push(el("p", { class: "open" }, el("a", { href: planner.href, target: "_blank", rel: "noopener", part: "link" }, "Open in the full planner")));
    }
    root.replaceChildren(...parts);
  }
}

if (!customElements.get("update-source-trace")) customElements.define("update-source-trace", UpdateSourceTrace);
