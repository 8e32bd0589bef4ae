#!/usr/bin/env bash
# Builds the page into dist/ (release, offline), ready to host as static files.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
trunk build --release --offline "$@"
node scripts/postbuild.mjs dist "$version"
