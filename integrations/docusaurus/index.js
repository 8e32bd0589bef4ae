// docusaurus-plugin-update-source-trace: Update Source Planner's
// ```update-source-trace fences in Docusaurus.
//
//   plugins: [["docusaurus-plugin-update-source-trace", {
//     kit: "../update-source-planner/dist/api",   // the built kit (scripts/build.sh)
//     planner: "../update-source-planner/target/release/planner",  // the command line
//     fullPlanner: "https://…/planner/",          // optional: where "Open in the full planner" goes
//     strict: false,                              // optional: publish a scenario with errors as readers see it
//   }]],
//   presets: [["classic", { docs: { remarkPlugins: [require("docusaurus-plugin-update-source-trace/remark")] } }]],
//
// The remark plugin turns each fence into the element (or, with `static`,
// the figure made at build time) through `planner fence`; this plugin serves
// the kit (and the full planner built around it) in `docusaurus start`,
// copies it into the site on `docusaurus build`, and loads the element on
// the client, outside webpack, so the kit's CSS and wasm reach the reader as
// they were built.
const fs = require("fs");
const path = require("path");
const settings = require("./settings");

const KIT_FILES = ["element.js", "element.css", "planner.js", "core.js", "core_bg.wasm"];
const FOLDER = "update-source-planner";
const HOW_TO_GET_PLANNER =
  "build it in the Update Source Planner folder with `cargo build --release --bin planner` and give its path as the plugin's `planner:` option";

module.exports = function updateSourceTrace(context, options = {}) {
  const kit = path.resolve(context.siteDir, options.kit ?? "");
  const missing = options.kit ? KIT_FILES.find((f) => !fs.existsSync(path.join(kit, f))) : "the kit";
  if (missing) {
    throw new Error(`update-source-trace: ${options.kit ? `${kit} has no ${missing}` : "no kit: option"}: \`kit:\` names the built kit's folder (scripts/build.sh builds it into dist/api)`);
  }
  settings.planner = options.planner ? path.resolve(context.siteDir, options.planner) : "planner";
  settings.howToGet = HOW_TO_GET_PLANNER;
  if (options.strict !== undefined && typeof options.strict !== "boolean") {
    throw new Error(`update-source-trace: strict: ${JSON.stringify(options.strict)}: write true or false`);
  }
  settings.strict = options.strict ?? true;
  const base = context.siteConfig.baseUrl;
  const whole = !options.fullPlanner && fs.existsSync(path.join(kit, "..", "index.html"));
  const fullPlanner = options.fullPlanner ?? `${base}${FOLDER}/`;
  return {
    name: "docusaurus-plugin-update-source-trace",
    getClientModules() {
      return [path.join(__dirname, "client.js")];
    },
    // `docusaurus start`: the dev server serves the kit (and the planner
    // around it) at the address the built site has it, before its
    // single-page fallback would answer that address with index.html.
    configureWebpack(config, isServer) {
      if (isServer) return {};
      const served = whole
        ? { publicPath: `${base}${FOLDER}/`, directory: path.join(kit, "..") }
        : { publicPath: `${base}${FOLDER}/api/`, directory: kit };
      return { devServer: { static: [{ ...served, watch: false }] } };
    },
    // Rebuilt kit files reach the dev server's pages on their next load.
    getPathsToWatch() {
      return KIT_FILES.map((f) => path.join(kit, f));
    },
    injectHtmlTags() {
      const values = JSON.stringify({ kit: `${base}${FOLDER}/api/`, planner: fullPlanner });
      return {
        headTags: [{ tagName: "script", innerHTML: `globalThis.UpdateSourcePlanner = Object.assign(${values}, globalThis.UpdateSourcePlanner);` }],
      };
    },
    async postBuild({ outDir }) {
      const target = path.join(outDir, FOLDER);
      // The whole planner when it was built around the kit: "Open in the
      // full planner" then works from the site itself, offline too.
      if (whole) fs.cpSync(path.join(kit, ".."), target, { recursive: true });
      else fs.cpSync(kit, path.join(target, "api"), { recursive: true });
    },
  };
};
