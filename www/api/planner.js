// Update Source Planner's JavaScript API: the same resolver as the page and
// the command line, for a documentation page's own scripts.
//
//   import init, { trace, lint, diagram, rules, version } from "./api/planner.js";
//   await init();
//   const t = trace({ version: 2, profile: "apex-one", agent: { addresses: ["10.1.4.20"] } });
//
// A scenario is a plain object or a JSON string in the format of SPEC §2;
// results are plain objects in the shape of SPEC §5. Nothing throws on bad
// input: every function answers { errors: [{ line, column, text, rule }] }.
// A site generator in Node reads its fences with fences.js, a bundle of its own.
import start, * as core from "./core.js";

/** The planner's version. */
export const version = "__VERSION__";

let ready = null;

/** Loads the resolver once. `wasm` is where core_bg.wasm is (a URL: by
 *  default beside this file), or its bytes or a compiled `WebAssembly.Module`
 *  (Node, or a site build: `init(readFileSync(".../core_bg.wasm"))`). */
export default function init(wasm) {
  ready ??= start({ module_or_path: wasm ?? new URL("./core_bg.wasm", import.meta.url) });
  return ready;
}

/** Loads the resolver at once from its bytes or a compiled module: for
 *  build-time rendering, where nothing is fetched. */
export function initSync(wasm) {
  core.initSync({ module: wasm });
  ready ??= Promise.resolve();
}

/** The trace of a scenario (SPEC §5), or `{ errors }`. `{ lines: true }` names
 *  a list given as JSON entries by line, as the planner's page does. */
export function trace(scenario, { lines = false } = {}) {
  return core.trace(scenario, lines);
}

/** Warnings and errors only: `{ warnings, errors }`. */
export function lint(scenario) {
  return core.lint(scenario);
}

/** The update path as SVG text; `{ item }` for one item's picture; `{ themed: true }`
 *  leaves its colours to your style sheet (classes dg-*, as element.css styles them);
 *  `{ scale: "phone" }` stacks the sources under the agent for a narrow column.
 *  `{ errors }` for a document that is not a scenario or an item it does not have. */
export function diagram(scenario, { item, themed = false, scale = "page" } = {}) {
  return core.diagram(scenario, item ?? undefined, themed, scale === "phone");
}

/** What heads the trace, as the static figure heads it: `{ title, case, leftOut? }`
 *  (`title`: the caption given, else the scenario's title, else the product's
 *  update path; `case`: product, agent and addresses; `leftOut`, with `{ item }`:
 *  the line saying the other items' steps are left out), or `{ errors }`. */
export function heading(scenario, { item, caption } = {}) {
  return core.heading(scenario, item ?? undefined, caption ?? undefined);
}

/** The share-link fragment (without `#`) that opens the scenario in the planner,
 *  or `{ errors }` (not a scenario, or too large for a link). */
export function link(scenario) {
  return core.link(scenario);
}

/** Every rule: `{ id, title, quote, basis, assumed }`. */
export function rules() {
  return core.rules();
}
