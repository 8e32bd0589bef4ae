#!/usr/bin/env bash
# Builds the page into dist/ (release, offline), ready to host as static files:
# the page itself (Trunk), then the bundles it loads on demand (the Fleet and
# Evidence tabs, and the worker their long jobs run in), the embed view and the documentation kit (dist/api/, with its
# build-time fence reader in dist/api/build/),
# then the post-build step (no inline script, integrity hashes, offline list).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
# wasm-bindgen leaves the snippets of earlier builds where Trunk copies
# them from, and Trunk preloads every one: only this build's.
rm -rf target/wasm-bindgen/release/snippets
trunk build --release --offline "$@"
features=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue
  # Rust puts the stack first: the low 1 KiB of memory is the stack's far
  # end, never data, which lets wasm-opt fold more address arithmetic.
  --low-memory-unused --converge)
# bundle NAME DIR OUT: the wasm binary NAME, bound as the ES module dist/DIR/OUT.js.
bundle() {
  cargo build --release --offline --locked --target wasm32-unknown-unknown --bin "$1"
  rm -rf "dist/$2"
  wasm-bindgen "target/wasm32-unknown-unknown/release/$1.wasm" --out-dir "dist/$2" --out-name "$3" --target web --no-typescript
  wasm-opt "${features[@]}" -Oz "dist/$2/$3_bg.wasm" -o "dist/$2/$3_bg.wasm"
}
bundle tools tools tools
cp www/tools.css dist/tools/
# The embed view a documentation page frames, loaded by the boot script in place of the page.
bundle embed embed embed
# The worker the Fleet tab's long jobs run in, and its script.
bundle worker worker core
cp www/worker/worker.js dist/worker/
# The documentation kit: the core alone behind planner.js, and the element.
bundle api api core
for f in www/api/*; do sed "s/__VERSION__/$version/" "$f" > "dist/api/$(basename "$f")"; done
# The kit's fence reader (fences.js, above), for site generators in Node: a
# bundle of its own, used when a site is built, never fetched by a page.
bundle fences api/build fences
# Every gallery story as a page of its own, readable without scripts
# (examples/<story>/), the list of stories and sitemap.xml; SITE_URL, where
# the page is published, makes their addresses absolute.
cargo run --quiet --offline --locked --bin planner -- gallery www/examples dist ${SITE_URL:+--base "$SITE_URL"}
cp www/gallery.css dist/
# The rules' sentences, fetched by the page when a badge is first opened.
node scripts/rules-json.mjs dist
node scripts/postbuild.mjs dist "$version"
