// Benchmark: rebuilding the spaced-review state of a learner who finished every track and reviewed
// daily for a year (333 cards, about 1,750 reviews; issue #17), from the log as stored. Runs, in
// release mode, the host's ignored `host_figures` test in tests/review_year.rs and the wasm
// benchmark tests/review_bench.rs in headless Chromium (wasm-bindgen-test-runner and chromedriver,
// as set up by scripts/env.sh and webdriver.json), reads the one JSON line each prints and writes
// both to bench/review.json. Run by scripts/bench.sh; needs scripts/env.sh sourced.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));

function figures(prefix, args) {
  console.log(`review-bench: cargo ${args.join(" ")}`);
  const out = execFileSync("cargo", args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 << 20 });
  const line = out.split("\n").find((l) => l.includes(prefix));
  if (!line) {
    process.stdout.write(out);
    throw new Error(`no "${prefix}" line in the output of cargo ${args.join(" ")}`);
  }
  return JSON.parse(line.slice(line.indexOf(prefix) + prefix.length).trim());
}

const host = figures("review-year:", ["test", "--release", "--test", "review_year", "--", "--ignored", "--nocapture", "host_figures"]);
const browser = figures("review-bench:", ["test", "--release", "--target", "wasm32-unknown-unknown", "--test", "review_bench", "--", "--nocapture"]);
const version = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
};
const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, load_average_1m: Number(loadavg()[0].toFixed(2)) },
  rustc: version("rustc", ["--version"]),
  browser: version(process.env.CHROMIUM_PATH ?? "chromium", ["--version"]),
  what: "A learner who finished every track of the shipped pack, then reviewed every day for a year. parse: the stored text of fluency.reviews.<pack id> back into the log (in the browser, storage::load_scoped from localStorage); rebuild: review::states, every card replayed from the log; parse_and_rebuild: both; cards_and_rebuild (browser): the Review page's card_states from a loaded log (fingerprints, card list, states). Milliseconds, release builds (opt-level z, LTO; the shipped wasm is also run through wasm-opt -Oz, this one is not).",
  host,
  browser_headless_chromium: browser,
};
mkdirSync(root + "bench", { recursive: true });
writeFileSync(root + "bench/review.json", JSON.stringify(results, null, 2) + "\n");
console.log(
  `review-bench: ${browser.cards} cards, ${browser.reviews} reviews, ${browser.bytes} bytes; rebuild median ${host.rebuild.median_ms} ms on the host, ${browser.rebuild.median_ms} ms in Chromium; parse + rebuild ${host.parse_and_rebuild.median_ms} / ${browser.parse_and_rebuild.median_ms} ms`,
);
