# Shared environment for the project's scripts. Source it; it only sets variables.
# Tools installed by setup.sh live in ~/.cargo/bin (Rust) and tools/node_modules/.bin (wasm-opt).
FLUENCY_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export FLUENCY_ROOT
export PATH="$FLUENCY_ROOT/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Playwright must use Debian's Chromium and never download a browser.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# wasm-bindgen-test runs the storage tests in headless Chromium through chromedriver.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"
