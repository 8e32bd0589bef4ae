#!/usr/bin/env bash
# Packs the Docusaurus plugin with the built planner inside it (dist/, as
# scripts/build.sh leaves it) into OUT/docusaurus-plugin-update-source-trace-VERSION.tgz,
# the file `npm publish` uploads and `npm install FILE` installs: no Rust,
# no checkout and no `planner` command on the writer's machine.
#   scripts/pack-npm.sh OUT
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mkdir -p "${1:?usage: scripts/pack-npm.sh OUT}" && cd "$1" && pwd)
[ -f dist/api/core_bg.wasm ] && [ -f dist/api/build/fences_bg.wasm ] && [ -f dist/index.html ] || { echo "pack-npm: no built planner in dist/: run scripts/build.sh first" >&2; exit 1; }
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
cp integrations/docusaurus/{package.json,index.js,remark.js,client.js,settings.js} "$stage/"
# The planner with its kit, and the kit's fence reader (api/fences.js,
# api/build/) that the remark plugin runs when a site is built.
cp -r dist "$stage/planner"
# The kit's scripts are ES modules; Node reads them so at build time.
echo '{ "type": "module" }' > "$stage/planner/package.json"
cat > "$stage/README.md" <<README
# docusaurus-plugin-update-source-trace

Update Source Planner $version's \`\`\`update-source-trace fences in Docusaurus 3,
with the planner inside: nothing else to install.

    npm install docusaurus-plugin-update-source-trace

\`\`\`js
// docusaurus.config.js
plugins: ["docusaurus-plugin-update-source-trace"],
// and in the classic preset's docs: { … }
remarkPlugins: [require("docusaurus-plugin-update-source-trace/remark")],
\`\`\`

Options (none needed): \`strict: false\` publishes a scenario with errors as
readers see it; \`fullPlanner:\` is where "Open in the full planner" goes.
README
(cd "$stage" && npm pkg set version="$version" >/dev/null && npm pack --silent --pack-destination "$out" >/dev/null)
echo "$out/docusaurus-plugin-update-source-trace-$version.tgz"
