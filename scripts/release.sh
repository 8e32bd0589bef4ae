#!/usr/bin/env bash
# Builds the page and packs dist/ into a versioned zip to unpack anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
out="update-source-planner-${version}.zip"
rm -f "$out"
(cd dist && python3 -m zipfile -c "../$out" .)
echo "release: $out ($(du -h "$out" | cut -f1))"
