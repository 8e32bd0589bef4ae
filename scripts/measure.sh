#!/usr/bin/env bash
# Prints the bundle's sizes (gzipped, per file and the first load), the
# largest contributors to the wasm, the page's speed in headless Chromium,
# and the longest task on the page's thread during its heaviest work.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh browser
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
if ! command -v twiggy >/dev/null; then
  echo "measure: installing twiggy (once)"
  cargo install twiggy --version 0.8.0 --locked
fi
scripts/build.sh >/dev/null
node scripts/size.mjs dist
node scripts/timing.mjs
node scripts/longtasks.mjs
