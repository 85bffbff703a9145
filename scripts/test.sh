#!/usr/bin/env bash
# Runs every test layer in order, stopping at the first failure, and ends with one summary line per
# layer. This is the README's test command (`make test`) and the only thing CI runs.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/env.sh"
cd "$FLUENCY_ROOT"

"$FLUENCY_ROOT/scripts/setup.sh" || { echo "setup failed"; exit 1; }

# The end-to-end layer talks to a real LRS (Ralph) on this port; scripts/ralph.sh installs it in
# .cache/ and starts it. Whatever happens from here on, it is stopped when this script ends.
export RALPH_PORT="${RALPH_PORT:-8100}"
# Small pages, so that a manager's load of a test team follows Ralph's `more` links.
export RALPH_MAX_HITS="${RALPH_MAX_HITS:-20}"
trap '"$FLUENCY_ROOT/scripts/ralph.sh" stop >/dev/null 2>&1 || true' EXIT
trap 'exit 130' INT TERM

names=()
results=()
passed=0

summary() {
  echo
  echo "── summary ──────────────────────────────────────────"
  for i in "${!names[@]}"; do
    printf '%-34s %s\n' "${names[$i]}" "${results[$i]}"
  done
  local failed=$(( ${#names[@]} - passed ))
  echo "layers: $passed passed, $failed failed"
}

layer() {
  local name="$1"
  shift
  printf '\n\033[1m==> %s\033[0m\n' "$name"
  local start=$SECONDS
  if "$@"; then
    names+=("$name")
    results+=("passed ($((SECONDS - start)) s)")
    passed=$((passed + 1))
  else
    names+=("$name")
    results+=("FAILED ($((SECONDS - start)) s)")
    summary
    exit 1
  fi
}

lint() {
  cargo fmt --all --check &&
    cargo clippy --all-targets -- -D warnings &&
    cargo clippy --target wasm32-unknown-unknown --all-targets -- -D warnings
}

wasm_storage_tests() {
  cargo test --target wasm32-unknown-unknown --test storage
}

release_build() {
  trunk build --release --offline
}

start_lrs() {
  "$FLUENCY_ROOT/scripts/ralph.sh" install && "$FLUENCY_ROOT/scripts/ralph.sh" start
}

end_to_end() {
  (cd end2end && npx playwright test)
}

schema_and_budget() {
  node --test tools/tests/
}

layer "fmt + clippy (host and wasm)" lint
layer "host tests (cargo test)" cargo test
layer "storage tests in Chromium (wasm)" wasm_storage_tests
layer "release build (trunk)" release_build
layer "LRS for the tests (Ralph)" start_lrs
layer "end to end + axe (Playwright)" end_to_end
layer "pack schema + bundle budget" schema_and_budget
summary
