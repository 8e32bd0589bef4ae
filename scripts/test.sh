#!/usr/bin/env bash
# Sets up what is missing and runs every test: format, lints, the core's
# tests, component tests in headless Chromium, the page build and the
# end-to-end browser suite.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh browser sites
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "format"
cargo fmt --all --check

step "lints (native and wasm)"
cargo clippy --all-targets --locked -- -D warnings
cargo clippy --target wasm32-unknown-unknown --lib --bin app --bin tools --bin worker --bin api --bin fences --bin embed --locked -- -D warnings

step "core, command line, examples, properties"
cargo test --locked

step "component tests in headless Chromium (wasm-bindgen-test)"
CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}" \
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --locked --target wasm32-unknown-unknown --test ui

step "build the page"
scripts/build.sh

step "first-load budget (250 kB gzipped)"
node scripts/size.mjs dist --check | tail -6

step "pack the mdBook preprocessor (the kit inside it), its lints and tests, for its package test"
NO_CRATES=1 scripts/pack-mdbook.sh target/packages
cargo clippy -p mdbook-update-source-trace --all-targets --locked -- -D warnings
cargo test -p mdbook-update-source-trace --locked

step "end-to-end in headless Chromium (Playwright)"
node --test --test-concurrency=1 tests/e2e/
