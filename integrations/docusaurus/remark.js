// The remark plugin: each ```update-source-trace fence in a .md or .mdx page
// becomes the <update-source-trace> element, or with `static` the figure,
// as `planner fence` says (the one reading of a fence, shared with mdBook
// and MkDocs). A fence that cannot be shown fails the build at its line; so
// does a scenario with an error, or a warning that may change its answer,
// unless the plugin (or this remark plugin) is given `strict: false`.
const { spawnSync } = require("child_process");
const path = require("path");
const settings = require("./settings");

const LANGUAGE = "update-source-trace";

/** A JSX element the MDX compiler writes as React; attributes are strings. */
function element(attributes) {
  return {
    type: "mdxJsxFlowElement",
    name: LANGUAGE,
    attributes: Object.entries(attributes).map(([name, value]) => ({ type: "mdxJsxAttribute", name, value })),
    children: [],
  };
}

/** A <div> holding the figure's HTML as it is (React's dangerouslySetInnerHTML). */
function figure(html) {
  const object = {
    type: "ObjectExpression",
    properties: [{
      type: "Property", kind: "init", method: false, shorthand: false, computed: false,
      key: { type: "Identifier", name: "__html" }, value: { type: "Literal", value: html },
    }],
  };
  return {
    type: "mdxJsxFlowElement",
    name: "div",
    attributes: [
      { type: "mdxJsxAttribute", name: "className", value: "usp-fence" },
      {
        type: "mdxJsxAttribute",
        name: "dangerouslySetInnerHTML",
        value: {
          type: "mdxJsxAttributeValueExpression",
          value: `{__html: ${JSON.stringify(html)}}`,
          data: { estree: { type: "Program", sourceType: "module", body: [{ type: "ExpressionStatement", expression: object }] } },
        },
      },
    ],
    children: [],
  };
}

function visit(node, fn) {
  if (!node.children) return;
  node.children.forEach((child, i) => {
    const replaced = fn(child);
    if (replaced) node.children[i] = replaced;
    else visit(child, fn);
  });
}

module.exports = function remarkUpdateSourceTrace(options = {}) {
  return (tree, file) => {
    visit(tree, (node) => {
      if (node.type !== "code" || node.lang !== LANGUAGE) return null;
      const planner = options.planner ?? settings.planner ?? "planner";
      const info = `${LANGUAGE} ${node.meta ?? ""}`.trim();
      const base = file.path ? path.dirname(file.path) : process.cwd();
      const line = node.position?.start.line ?? 1;
      const strict = options.strict ?? settings.strict ?? true;
      const args = ["fence", "--info", info, "--base", base, "--line", String(line), ...(strict ? [] : ["--lenient"])];
      const run = spawnSync(planner, args, { input: node.value, encoding: "utf8" });
      if (run.error) {
        throw new Error(`update-source-trace: the command ${planner} could not be run (${run.error.code}): ${settings.howToGet ?? "give its path as the plugin's planner: option"}`);
      }
      if (run.status !== 0) {
        throw new Error(`${file.path ?? "a page"}: ${run.stderr.trim()}`);
      }
      const shown = JSON.parse(run.stdout);
      return shown.element ? element(shown.element) : figure(shown.figure);
    });
  };
};
