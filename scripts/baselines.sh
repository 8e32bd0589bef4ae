#!/usr/bin/env bash
# Writes the screenshot baselines for this machine's Chromium and fonts,
# from the built page: review the screens in tests/e2e/artifacts/look first,
# then commit tests/e2e/baselines/.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh browser
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
[ -f dist/index.html ] || scripts/build.sh
UPDATE_BASELINES=1 LOOK_AT=floor-update-agent-down node --test --test-concurrency=1 tests/e2e/layout.test.mjs
git status --short tests/e2e/baselines
