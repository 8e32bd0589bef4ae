// Loads the <update-source-trace> element in the reader's browser, from the
// kit the plugin serves (`docusaurus start`) or copied into the site
// (`docusaurus build`): a module script added to the page, outside webpack,
// so the kit's own files (CSS, wasm) are served as they were built and
// webpack has no import of an address it cannot know to warn about.
// Server-side rendering never runs it.
if (typeof window !== "undefined" && window.UpdateSourcePlanner?.kit && !document.querySelector("script[data-update-source-trace]")) {
  const script = document.createElement("script");
  script.type = "module";
  script.src = `${window.UpdateSourcePlanner.kit}element.js`;
  script.dataset.updateSourceTrace = "";
  document.head.appendChild(script);
}
