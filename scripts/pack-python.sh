#!/usr/bin/env bash
# Packs the Python package (MkDocs plugin and Sphinx extension) with the
# planner inside it, compiled for WASI, and the built page (dist/, as
# scripts/build.sh leaves it) into OUT/update_source_trace-VERSION-py3-none-any.whl:
# the file `twine upload` uploads and `pip install FILE` installs, on any
# operating system, with no Rust and no `planner` command.
#   scripts/pack-python.sh OUT
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mkdir -p "${1:?usage: scripts/pack-python.sh OUT}" && cd "$1" && pwd)
[ -f dist/api/core_bg.wasm ] && [ -f dist/index.html ] || { echo "pack-python: no built planner in dist/: run scripts/build.sh first" >&2; exit 1; }
rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1 >&2
cargo build --quiet --release --locked --target wasm32-wasip1 --bin planner >&2
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
python3 scripts/wheel.py "$version" target/wasm32-wasip1/release/planner.wasm dist "$out"
