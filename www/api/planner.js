// Update Source Planner's JavaScript API: the same resolver as the page and
// the command line, for a documentation page's own scripts.
//
//   import init, { trace, lint, diagram, rules, version } from "./api/planner.js";
//   await init();
//   const t = trace({ version: 2, profile: "apex-one", agent: { addresses: ["10.1.4.20"] } });
//
// A scenario is a plain object or a JSON string in the format of SPEC §2;
// results are plain objects in the shape of SPEC §5. Nothing throws on bad
// input: trace() and lint() answer { errors: [{ line, column, text, rule }] }.
import start, * as core from "./core.js";

/** The planner's version. */
export const version = "__VERSION__";

let ready = null;

/** Loads the resolver once; `wasmUrl` overrides where core_bg.wasm is. */
export default function init(wasmUrl) {
  ready ??= start(wasmUrl ? { module_or_path: wasmUrl } : undefined);
  return ready;
}

/** The trace of a scenario (SPEC §5), or `{ errors }`. */
export function trace(scenario) {
  return core.trace(scenario);
}

/** Warnings and errors only: `{ warnings, errors }`. */
export function lint(scenario) {
  return core.lint(scenario);
}

/** The update path as SVG text; `{ item }` for one item's picture; `{ themed: true }`
 *  leaves its colours to your style sheet (classes dg-*, as element.css styles them). */
export function diagram(scenario, { item, themed = false } = {}) {
  return core.diagram(scenario, item ?? undefined, themed);
}

/** The share-link fragment (without `#`) that opens the scenario in the planner. */
export function link(scenario) {
  return core.link(scenario);
}

/** Every rule: `{ id, title, quote, basis, assumed }`. */
export function rules() {
  return core.rules();
}
