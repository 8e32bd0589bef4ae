#!/usr/bin/env bash
# Installs what the project needs and is missing; safe to run again and again.
#   scripts/setup.sh          build tools (wasm target, Trunk, wasm-bindgen, wasm-opt)
#   scripts/setup.sh browser  the above and headless Chromium with Playwright
#   scripts/setup.sh browser sites
#                             the above and the documentation generators the
#                             integrations are tested with: mdBook, MkDocs
#                             with Material in a virtual environment
#                             ($USP_SITES_VENV, default ~/.cache/update-source-planner/mkdocs),
#                             Docusaurus from npm (tests/sites/docusaurus), the
#                             WASI target the Python package's planner is built
#                             for, and the wheels a writer's `pip install` of
#                             MkDocs, Sphinx and MyST takes ($USP_WHEELHOUSE,
#                             default ~/.cache/update-source-planner/wheelhouse)
#   scripts/setup.sh browser lighthouse
#                             the above and Lighthouse 12.2.3 in npx's cache,
#                             for scripts/lighthouse.mjs
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
if ! trunk --version 2>/dev/null | grep -q '0\.21\.14'; then
  say "installing Trunk 0.21.14 (several minutes, once)"
  cargo install trunk --version 0.21.14 --locked
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q '0\.2\.130'; then
  say "installing wasm-bindgen-cli 0.2.130 (a few minutes, once)"
  cargo install wasm-bindgen-cli --version 0.2.130
fi
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -f node_modules/axe-core/axe.min.js ] \
  || [ ! -d node_modules/pixelmatch ] || [ ! -d node_modules/pngjs ]; then
  say "installing wasm-opt (binaryen), playwright-core, axe-core, pixelmatch and pngjs from npm"
  npm ci --no-audit --no-fund --loglevel=error
fi
wants() { for a in "${ARGS[@]}"; do [ "$a" = "$1" ] && return 0; done; return 1; }
ARGS=("$@")
if wants browser; then
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    say "installing Chromium and ChromeDriver from Debian"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
fi
if wants sites; then
  if ! mdbook --version 2>/dev/null | grep 'v0\.5\.4' >/dev/null; then
    say "installing mdBook 0.5.4 (a few minutes, once)"
    cargo install mdbook --version 0.5.4 --locked
  fi
  venv="${USP_SITES_VENV:-$HOME/.cache/update-source-planner/mkdocs}"
  if ! "$venv/bin/mkdocs" --version 2>/dev/null | grep -q '1\.6\.1' \
    || ! "$venv/bin/pip" show mkdocs-material 2>/dev/null | grep '^Version: 9\.8\.2$' >/dev/null \
    || ! "$venv/bin/pip" show wasmtime 2>/dev/null | grep '^Version: 51\.0\.0$' >/dev/null; then
    say "installing MkDocs 1.6.1, Material 9.8.2 and wasmtime 51.0.0 in $venv (a minute, once)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check mkdocs==1.6.1 mkdocs-material==9.8.2 wasmtime==51.0.0
  fi
  if ! rustup target list --installed | grep -qx wasm32-wasip1; then
    say "adding the wasm32-wasip1 target (the Python package's planner)"
    rustup target add wasm32-wasip1
  fi
  wheels="${USP_WHEELHOUSE:-$HOME/.cache/update-source-planner/wheelhouse}"
  pins="mkdocs==1.6.1 sphinx==9.0.4 myst-parser==5.2.0 wasmtime==51.0.0"
  if [ "$(cat "$wheels/.pins" 2>/dev/null)" != "$pins" ]; then
    say "downloading the wheels of $pins into $wheels (once)"
    mkdir -p "$wheels"
    # shellcheck disable=SC2086
    python3 -m pip download --quiet --disable-pip-version-check --dest "$wheels" $pins
    echo "$pins" > "$wheels/.pins"
  fi
  site=tests/sites/docusaurus
  if [ ! -x "$site/node_modules/.bin/docusaurus" ] || [ "$site/package-lock.json" -nt "$site/node_modules/.package-lock.json" ]; then
    say "installing Docusaurus 3.10.2 from npm into $site (a minute or two, once)"
    npm ci --prefix "$site" --no-audit --no-fund --loglevel=error
  fi
fi
if wants lighthouse; then
  if ! npx --no-install lighthouse@12.2.3 --version >/dev/null 2>&1; then
    say "fetching Lighthouse 12.2.3 into npx's cache (a minute, once)"
    npx -y lighthouse@12.2.3 --version >/dev/null
  fi
fi
say "ready"
