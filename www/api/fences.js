// Update Source Planner's fence reader, for a site generator that runs in
// JavaScript (the Docusaurus plugin's remark plugin), at site build time, in
// Node: a ```update-source-trace fence read, checked and, when `static`,
// drawn as `planner fence` does. A bundle of its own (build/), not part of
// the kit a page's readers download (planner.js).
//
//   import { initSync, fence } from "./api/fences.js";
//   initSync(readFileSync("api/build/fences_bg.wasm"));
//   const shown = fence("update-source-trace static", body, { line: 12, read: (p) => readFileSync(p, "utf8") });
import * as core from "./build/fences.js";

/** The planner's version. */
export const version = "__VERSION__";

/** Loads the fence reader at once from the bytes of build/fences_bg.wasm
 *  (or a compiled `WebAssembly.Module`): nothing is fetched. */
export function initSync(wasm) {
  core.initSync({ module: wasm });
}

/** What one ```update-source-trace fence of a Markdown page shows:
 *  `{ element: { attribute: value } }` (the live element's attributes),
 *  `{ figure: html }` (a `static` fence's figure), or `{ errors: [{ line, text }] }`,
 *  `text` naming the fence's line. `info`: the fence's opening line after the
 *  backticks; `body`: what it holds; `line`: its opening line in the page;
 *  `strict` (default true): a scenario with an error, or a warning that may
 *  change its answer, cannot be shown; `read(path)`: a `src=` file's text
 *  (relative to the page), or throws. */
export function fence(info, body, { line = 1, strict = true, read } = {}) {
  return core.fence(info, body, line, strict, read ?? undefined);
}
