// A Docusaurus site under a sub-path, its docs the suite's shared pages and
// one MDX page, with the update-source-trace plugin as a writer adds it.
const path = require("path");

module.exports = {
  title: "Update sources, a field guide",
  url: "http://127.0.0.1",
  baseUrl: process.env.USP_BASE_URL ?? "/docs/site/",
  onBrokenLinks: "warn",
  // No icon of its own: say so, or the browser asks the host's root for one.
  headTags: [{ tagName: "link", attributes: { rel: "icon", href: "data:," } }],
  markdown: { hooks: { onBrokenMarkdownLinks: "throw" } },
  future: { v4: false },
  presets: [
    [
      "classic",
      {
        docs: {
          routeBasePath: "/",
          remarkPlugins: [require("docusaurus-plugin-update-source-trace/remark")],
        },
        blog: false,
        pages: false,
        theme: {},
      },
    ],
  ],
  plugins: [
    [
      "docusaurus-plugin-update-source-trace",
      {
        // The kit this checkout built (the published package carries its own).
        kit: path.resolve(__dirname, "../../../dist/api"),
        // The suite builds a page with a broken scenario both ways.
        ...(process.env.USP_STRICT === "false" && { strict: false }),
      },
    ],
  ],
  themeConfig: {
    colorMode: { defaultMode: "light", respectPrefersColorScheme: false },
    navbar: { title: "Update sources" },
  },
};
