#!/usr/bin/env bash
# Builds the release and writes size and cold-load figures to bench/results.{json,md}.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FLUENCY_ROOT"
"$FLUENCY_ROOT/scripts/setup.sh" --bench
trunk build --release --offline
# The floor app the home page is compared with (skipped when its source is not there).
scripts/build-floor.sh
# The benchmark drives Chromium with the Playwright package installed for the end-to-end tests.
# Sizes, cold loads, repeat visits from the service worker's cache, the precache, the floor ratio.
node end2end/bench.mjs
# Lighthouse (mobile preset, compressing server) on the home page, a track page and a unit page.
node end2end/bench-lighthouse.mjs
node end2end/bench-studio.mjs
# Long text: a 20,000- and 60,000-character line in the reader and the Studio, and a roster with a
# 10,000-character name (bench/text.json).
node end2end/bench-text.mjs
# Spaced review: rebuilding a year of daily review from the stored log, on the host and in headless
# Chromium (wasm-bindgen-test, release mode), in bench/review.json.
node end2end/review-bench.mjs
# Team: import + verify + aggregate 10,000 signed reports, against a bare JSON.parse and the Web Crypto
# verification floor in two workers and one, measured in the same page (bench/team.json).
node end2end/team-bench.mjs
# Team: a manager's load of 100,000 statements from a real LRS (Ralph, filesystem backend, pages of
# 10,000 statements), in bench/lrs.json. The bench starts and stops its own Ralph on $RALPH_PORT.
"$FLUENCY_ROOT/scripts/ralph.sh" install
node end2end/lrs-bench.mjs
