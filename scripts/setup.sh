#!/usr/bin/env bash
# Installs whatever the project needs and is missing. Safe to run again: each step checks first.
# Everything comes from the package registries (crates.io, npm, Debian); nothing is downloaded
# from anywhere else. With --bench it also installs what only `make bench` uses (Lighthouse).
set -euo pipefail
BENCH=0
[ "${1:-}" = "--bench" ] && BENCH=1
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FLUENCY_ROOT"

TRUNK_VERSION="0.21.14"   # 0.22 needs rustc >= 1.96.1
BINARYEN_VERSION="132"    # Debian's binaryen 108 builds an app that dies at load
WASM_SPLIT_VERSION="0.2.4"

step() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# wasm-bindgen-cli must match the wasm-bindgen crate exactly; read the version from Cargo.lock.
lock_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi
for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    step "adding rustup component $component"
    rustup component add "$component"
  fi
done

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (takes several minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

WASM_BINDGEN_VERSION="$(lock_version wasm-bindgen)"
if [ -z "$WASM_BINDGEN_VERSION" ]; then
  echo "setup: cannot find wasm-bindgen in Cargo.lock" >&2
  exit 1
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION\$" \
  || ! command -v wasm-bindgen-test-runner >/dev/null; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock)"
  # Not --locked: one of its locked dependencies is no longer on the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# The build splits the wasm into lazily loaded chunks at the split points that leptos's
# wasm_split_helpers 0.2 marks (tools/build-wasm.mjs); this is the splitter for that format.
if ! cargo install --list | grep -qx "wasm_split_cli_support v$WASM_SPLIT_VERSION:"; then
  step "installing wasm-split-cli $WASM_SPLIT_VERSION"
  cargo install wasm_split_cli_support --version "$WASM_SPLIT_VERSION" --features build-binary --locked --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version $BINARYEN_VERSION" || [ ! -d tools/node_modules/ajv ] || [ ! -d tools/node_modules/terser ] \
  || [ ! -d tools/node_modules/workbox-build ] || [ tools/package-lock.json -nt tools/node_modules/.package-lock.json ]; then
  step "installing build tools from npm (wasm-opt from binaryen@$BINARYEN_VERSION, terser, ajv, workbox-build)"
  npm ci --prefix tools --no-audit --no-fund --loglevel=error
fi

# Builds run with --offline; make sure every crate in Cargo.lock is in the local registry first.
cargo fetch --locked --quiet

if [ ! -x "$CHROMIUM_PATH" ] || [ ! -x "$CHROMEDRIVER" ]; then
  step "installing Chromium and ChromeDriver from Debian"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
fi

if [ ! -d end2end/node_modules/@playwright/test ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  step "installing end2end dependencies from the lock file"
  npm ci --prefix end2end --no-audit --no-fund --loglevel=error
fi

if [ "$BENCH" = 1 ] && { [ ! -x bench/lighthouse/node_modules/.bin/lighthouse ] || [ bench/lighthouse/package-lock.json -nt bench/lighthouse/node_modules/.package-lock.json ]; }; then
  step "installing Lighthouse for the benchmark from its lock file"
  npm ci --prefix bench/lighthouse --no-audit --no-fund --loglevel=error
fi
