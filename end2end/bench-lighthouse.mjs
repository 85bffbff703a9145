// Benchmark: Lighthouse (12.2.3, mobile preset: simulated slow 4G and 4x CPU) on the home page, a
// track page and a unit page, each opened cold by deep link, behind a static server that
// compresses its responses as real hosts do (precompressed .br/.gz files, gzip on the fly for the
// rest). Records performance (with largest contentful paint, total blocking time and bytes
// transferred), accessibility, best practices and SEO, median of BENCH_LIGHTHOUSE_RUNS runs per page.
// Writes bench/lighthouse.json, or prints only with --dist (to measure another build, such as the
// one before a change).
//
//   node end2end/bench-lighthouse.mjs [--dist DIR] [--label NAME]
//
// Lighthouse is installed for the benchmark only (bench/lighthouse/package-lock.json, by
// `scripts/setup.sh --bench`); Chromium is Debian's (CHROME_PATH).
import { execFile, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, loadavg } from "node:os";
import { promisify } from "node:util";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../", import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dist = option("--dist") ?? root + "dist/";
const label = option("--label") ?? "this build";
const RUNS = Number(process.env.BENCH_LIGHTHOUSE_RUNS ?? 3);
const PORT = Number(process.env.BENCH_LIGHTHOUSE_PORT ?? 8099);
const lighthouse = root + "bench/lighthouse/node_modules/.bin/lighthouse";

const pack = JSON.parse(readFileSync(root + "public/packs/fluency-core.json", "utf8"));
const foundation = pack.tracks.find((t) => t.id === "foundation");
const module = foundation.modules[0];
const PAGES = {
  home: "/",
  track: `/learn/${foundation.id}`,
  unit: `/learn/${foundation.id}/${module.id}/${module.units[0].id}`,
};

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function audit(url) {
  const out = mkdtempSync(tmpdir() + "/fluency-lh-");
  try {
    await promisify(execFile)(lighthouse, [
      url,
      "--output=json",
      `--output-path=${out}/report.json`,
      "--only-categories=performance,accessibility,best-practices,seo",
      "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage",
      "--quiet",
    ], { env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" }, maxBuffer: 64 * 1024 * 1024 });
    const report = JSON.parse(readFileSync(`${out}/report.json`, "utf8"));
    const score = (id) => Math.round(report.categories[id].score * 100);
    const numeric = (id) => Math.round(report.audits[id].numericValue);
    return {
      performance: score("performance"),
      accessibility: score("accessibility"),
      best_practices: score("best-practices"),
      seo: score("seo"),
      lcp_ms: numeric("largest-contentful-paint"),
      tbt_ms: numeric("total-blocking-time"),
      fcp_ms: numeric("first-contentful-paint"),
      transferred_kib: Math.round(report.audits["total-byte-weight"].numericValue / 1024),
      // The main thread's long tasks after the first paint (simulated ms), which make up the
      // blocking time: where a page still holds the thread for long.
      long_tasks_after_fcp_ms: (report.audits["long-tasks"].details?.items ?? [])
        .filter((t) => t.startTime >= report.audits["first-contentful-paint"].numericValue)
        .sort((a, b) => a.startTime - b.startTime)
        .map((t) => Math.round(t.duration)),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

const server = spawn("node", [root + "tools/serve-dist.mjs", dist, String(PORT)], {
  stdio: "ignore",
  env: { ...process.env, FLUENCY_COMPRESS: "1" },
});
await new Promise((r) => setTimeout(r, 500));
const results = {};
try {
  for (const [name, path] of Object.entries(PAGES)) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) {
      runs.push(await audit(`http://127.0.0.1:${PORT}${path}`));
      console.log(`${label} ${name} run ${i + 1}: ${JSON.stringify(runs.at(-1))}`);
    }
    // The run with the median performance score, so that its figures belong together.
    const middle = median(runs.map((r) => r.performance));
    results[name] = {
      path,
      ...runs.find((r) => r.performance === middle),
      performance_runs: runs.map((r) => r.performance),
      tbt_runs_ms: runs.map((r) => r.tbt_ms),
    };
  }
} finally {
  server.kill();
}
const summary = { date: new Date().toISOString(), label, load_average_1m: Number(loadavg()[0].toFixed(2)), runs: RUNS, pages: results };
console.log(JSON.stringify(summary, null, 2));
if (!option("--dist")) {
  mkdirSync(root + "bench", { recursive: true });
  writeFileSync(root + "bench/lighthouse.json", JSON.stringify(summary, null, 2) + "\n");
}
