// Loads the <update-source-trace> element in the reader's browser, from the
// kit the plugin copied into the site: imported outside webpack, so the
// kit's own files (CSS, wasm) are served as they were built. Server-side
// rendering never runs it.
if (typeof window !== "undefined" && window.UpdateSourcePlanner?.kit) {
  import(/* webpackIgnore: true */ `${window.UpdateSourcePlanner.kit}element.js`);
}
