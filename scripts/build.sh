#!/usr/bin/env bash
# Builds the page into dist/ (release, offline), ready to host as static files:
# the page itself (Trunk), then the bundles it loads on demand (the Fleet tab),
# then the post-build step (no inline script, integrity hashes, offline list).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
trunk build --release --offline "$@"
features=(--enable-bulk-memory --enable-bulk-memory-opt --enable-nontrapping-float-to-int --enable-sign-ext
  --enable-mutable-globals --enable-reference-types --enable-multivalue)
# bundle NAME: the wasm binary NAME, built and bound as an ES module in dist/NAME/.
bundle() {
  cargo build --release --offline --locked --target wasm32-unknown-unknown --bin "$1"
  rm -rf "dist/$1"
  wasm-bindgen "target/wasm32-unknown-unknown/release/$1.wasm" --out-dir "dist/$1" --target web --no-typescript
  wasm-opt "${features[@]}" -Oz "dist/$1/$1_bg.wasm" -o "dist/$1/$1_bg.wasm"
}
bundle tools
node scripts/postbuild.mjs dist "$version"
