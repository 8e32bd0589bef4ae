#!/usr/bin/env bash
# Builds a release into release/, each file named with its version, ready to
# upload: the Docusaurus plugin with the planner inside (npm), the MkDocs
# plugin and Sphinx extension with the planner inside (one wheel for PyPI),
# the mdBook preprocessor with the kit inside (a tarball of the binary, and
# the .crate files for crates.io), and the page itself as a zip to unpack on
# any static host.
#   scripts/release.sh [--no-build]   (--no-build: pack dist/ as it is)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--no-build" ]; then
  scripts/setup.sh
  scripts/build.sh
fi
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
out=release
rm -rf "$out"
mkdir -p "$out"
scripts/pack-npm.sh "$out" >/dev/null
scripts/pack-python.sh "$out" >/dev/null
scripts/pack-mdbook.sh "$out" >/dev/null
(cd dist && python3 -m zipfile -c "../$out/update-source-planner-${version}.zip" .)
for f in "$out"/*; do echo "release: $f ($(du -h "$f" | cut -f1))"; done
