// What the plugin's options tell the remark plugin, which Docusaurus loads
// on its own (from the docs preset's remarkPlugins) in the same process.
module.exports = { kit: undefined, strict: undefined };
