#!/usr/bin/env bash
# Packs the mdBook preprocessor with the kit inside it: fills
# integrations/mdbook/kit/ from the built kit (dist/api, as scripts/build.sh
# leaves it), builds `mdbook-update-source-trace` in release and writes
#   OUT/mdbook-update-source-trace-VERSION-TARGET.tar.gz   (the binary alone)
# and, where `cargo package` can make them here (offline), the .crate files
# crates.io takes (the core crate and the preprocessor), for
# `cargo install mdbook-update-source-trace` once they are published.
#   scripts/pack-mdbook.sh OUT
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
out=$(mkdir -p "${1:?usage: scripts/pack-mdbook.sh OUT}" && cd "$1" && pwd)
kit_files=(element.js element.css planner.js core.js core_bg.wasm)
for f in "${kit_files[@]}"; do
  [ -f "dist/api/$f" ] || { echo "pack-mdbook: no built kit in dist/api (no $f): run scripts/build.sh first" >&2; exit 1; }
done
version=$(sed -n 's/^version = "\(.*\)"/\1/p' integrations/mdbook/Cargo.toml | head -1)
core=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
[ "$version" = "$core" ] || { echo "pack-mdbook: integrations/mdbook is $version, the planner $core: give them one version" >&2; exit 1; }
# Only what differs is copied, so an unchanged kit rebuilds nothing.
kit=integrations/mdbook/kit
mkdir -p "$kit"
for f in "${kit_files[@]}"; do cmp -s "dist/api/$f" "$kit/$f" || cp "dist/api/$f" "$kit/$f"; done
CARGO_PROFILE_RELEASE_STRIP=symbols cargo build --release --offline --locked -p mdbook-update-source-trace
target=$(rustc -vV | sed -n 's/^host: //p')
name="mdbook-update-source-trace-$version-$target"
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
# The binary alone, as mdBook's own releases are: `tar -xzf FILE -C ~/.local/bin`.
cp target/release/mdbook-update-source-trace "$stage/"
tar -C "$stage" -czf "$out/$name.tar.gz" mdbook-update-source-trace
echo "$out/$name.tar.gz"
# The crates for crates.io, when cargo can package them offline.
if [ -z "${NO_CRATES:-}" ]; then
  if cargo package --offline --no-verify --allow-dirty -p update-source-planner -p mdbook-update-source-trace >"$stage/package.log" 2>&1; then
    for c in update-source-planner mdbook-update-source-trace; do
      cp "target/package/$c-$version.crate" "$out/" && echo "$out/$c-$version.crate"
    done
  else
    echo "pack-mdbook: no .crate files: cargo package says:" >&2
    tail -5 "$stage/package.log" >&2
  fi
fi
