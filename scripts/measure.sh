#!/usr/bin/env bash
# Prints the bundle's sizes (gzipped, per file and the first load), the
# largest contributors to the wasm, the page's speed in headless Chromium,
# the longest task on the page's thread during its heaviest work, and the
# layout checks of the browser suite on that very build.
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
# What people see, on the same build: every example in every view and theme
# (steps in place, nothing overlapping or scrolling sideways, targets, the
# presenter's text size, screenshots against their baselines).
node --test tests/e2e/layout.test.mjs
