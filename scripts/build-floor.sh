#!/usr/bin/env bash
# Builds the floor app for `make bench`: the smallest Leptos 0.8 app with a router, built with the
# same toolchain (trunk, wasm-bindgen, wasm-opt 132, the same release profile). The benchmark
# compares Fluency's home page against it. Its source is the shared anchor next to this
# repository (FLOOR_SRC, by default ../shared/anchors/leptos-floor); without it, nothing is built
# and the benchmark leaves the ratio out. The build goes to target-floor/ (ignored by git).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FLUENCY_ROOT"
FLOOR_SRC="${FLOOR_SRC:-$FLUENCY_ROOT/../shared/anchors/leptos-floor}"
if [ ! -f "$FLOOR_SRC/Cargo.toml" ]; then
  echo "build-floor: no floor app at $FLOOR_SRC; the benchmark leaves the ratio out"
  exit 0
fi
if [ -f target-floor/dist/index.html ] && [ target-floor/dist/index.html -nt "$FLOOR_SRC/src/main.rs" ]; then
  exit 0
fi
rm -rf target-floor/src
mkdir -p target-floor
cp -r "$FLOOR_SRC" target-floor/src
chmod -R u+w target-floor/src
(cd target-floor/src && CARGO_TARGET_DIR="$FLUENCY_ROOT/target-floor/target" trunk build --release --offline --dist "$FLUENCY_ROOT/target-floor/dist")
