// The remark plugin: each ```update-source-trace fence in a .md or .mdx page
// becomes the <update-source-trace> element, or with `static` the figure,
// as the kit's own fence reader (fences.js) says (the one reading of a
// fence, shared with the command line, mdBook and MkDocs), run here in
// Node: no other program is needed. A fence that cannot be shown fails the
// build at its line; so does a scenario with an error, or a warning that
// may change its answer, unless the plugin (or this remark plugin) is
// given `strict: false`.
const fs = require("fs");
const path = require("path");
const { pathToFileURL } = require("url");
const settings = require("./settings");

const LANGUAGE = "update-source-trace";

/** The kit's fence reader (fences.js, a build-time bundle of its own, not
 *  the kit readers download), loaded once per kit from the wasm's bytes
 *  (nothing fetched). */
const loaded = new Map();
function reader(kit) {
  if (!loaded.has(kit)) {
    loaded.set(kit, import(pathToFileURL(path.join(kit, "fences.js")).href).then((fences) => {
      fences.initSync(fs.readFileSync(path.join(kit, "build", "fences_bg.wasm")));
      return fences;
    }));
  }
  return loaded.get(kit);
}

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
  return async (tree, file) => {
    let fences = 0;
    visit(tree, (node) => {
      if (node.type === "code" && node.lang === LANGUAGE) fences += 1;
      return null;
    });
    if (fences === 0) return;
    const fenceReader = await reader(options.kit ?? settings.kit ?? path.join(__dirname, "kit"));
    const strict = options.strict ?? settings.strict ?? true;
    const base = file.path ? path.dirname(file.path) : process.cwd();
    const read = (src) => fs.readFileSync(path.resolve(base, src), "utf8");
    visit(tree, (node) => {
      if (node.type !== "code" || node.lang !== LANGUAGE) return null;
      const info = `${LANGUAGE} ${node.meta ?? ""}`.trim();
      const line = node.position?.start.line ?? 1;
      const shown = fenceReader.fence(info, node.value, { line, strict, read });
      if (shown.errors) throw new Error(`${file.path ?? "a page"}: ${shown.errors[0].text}`);
      return shown.element ? element(shown.element) : figure(shown.figure);
    });
  };
};
