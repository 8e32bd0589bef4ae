// docusaurus-plugin-update-source-trace: Update Source Planner's
// ```update-source-trace fences in Docusaurus, with the planner inside.
//
//   plugins: ["docusaurus-plugin-update-source-trace"],
//   presets: [["classic", { docs: { remarkPlugins: [require("docusaurus-plugin-update-source-trace/remark")] } }]],
//
// Options, none needed: `strict: false` publishes a scenario with errors as
// readers see it; `fullPlanner: "https://…/planner/"` is where "Open in the
// full planner" goes (default: the planner the plugin copies into the site);
// `kit: "…/dist/api"` uses another built kit than the one inside the package.
//
// The remark plugin turns each fence into the element (or, with `static`,
// the figure made at build time) through the kit's own wasm, in Node; this
// plugin serves the kit (and the full planner built around it) in
// `docusaurus start`, copies it into the site on `docusaurus build`, and
// loads the element on the client, outside webpack, so the kit's CSS and
// wasm reach the reader as they were built.
const fs = require("fs");
const path = require("path");
const settings = require("./settings");

const KIT_FILES = ["element.js", "element.css", "planner.js", "core.js", "core_bg.wasm"];
/** The kit's fence reader, which the remark plugin runs in Node when the
 *  site is built: checked for, never copied into the site. */
const BUILD_FILES = ["fences.js", "build/fences.js", "build/fences_bg.wasm"];
const FOLDER = "update-source-planner";
/** The planner packed with the plugin (scripts/release.sh), its kit in api/. */
const PACKED = path.join(__dirname, "planner", "api");

module.exports = function updateSourceTrace(context, options = {}) {
  const kit = options.kit ? path.resolve(context.siteDir, options.kit) : PACKED;
  const missing = KIT_FILES.concat(BUILD_FILES).find((f) => !fs.existsSync(path.join(kit, f)));
  if (missing) {
    throw new Error(options.kit
      ? `update-source-trace: ${kit} has no ${missing}: \`kit:\` names a built kit's folder (scripts/build.sh builds it into dist/api)`
      : `update-source-trace: this copy of the plugin has no planner inside (${kit} has no ${missing}): install the package built by scripts/release.sh, or give \`kit:\``);
  }
  settings.kit = kit;
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
      // (Not the package.json that tells Node the packed kit's scripts are
      // modules, nor the fence reader, which only the site's build runs.)
      const buildTime = new Set(BUILD_FILES.map((f) => path.join(kit, f)).concat(path.join(kit, "build"), path.join(kit, "fences.d.ts")));
      const filter = (file) => path.basename(file) !== "package.json" && !buildTime.has(path.resolve(file));
      if (whole) fs.cpSync(path.join(kit, ".."), target, { recursive: true, filter });
      else fs.cpSync(kit, path.join(target, "api"), { recursive: true, filter });
    },
  };
};
