// Benchmark: bytes of the release build (raw, gzip, brotli) and cold load to interactive in headless
// Chromium, median of several runs, with and without 4x CPU throttling. Writes bench/results.json and
// bench/results.md. Run with `make bench` (it builds first).
//
// "Interactive" here means the app has mounted and its first screen is usable: the main heading is
// rendered and the role buttons respond. Each run uses a fresh browser context, so nothing is cached.
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";
import { chromium } from "@playwright/test";
import { shellFiles, chunkFiles } from "../tools/dist-files.mjs";

const root = fileURLToPath(new URL("../", import.meta.url)); // the repository root
const dist = root + "dist/";
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const PORT = Number(process.env.BENCH_PORT ?? 8097);
const FLOOR_PORT = Number(process.env.BENCH_FLOOR_PORT ?? 8096);
// The floor app's release build (scripts/bench.sh builds it into target-floor/dist when its source
// is there); without it the ratio is left out.
const floorDist = existsSync(root + "target-floor/dist/index.html") ? root + "target-floor/dist/" : null;

function sizes() {
  const measure = (file) => {
    const bytes = readFileSync(dist + file);
    return {
      file,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  };
  const shell = shellFiles(dist).map(measure);
  const chunks = chunkFiles(dist).map(measure);
  const total = (rows, key) => rows.reduce((n, r) => n + r[key], 0);
  const totals = (rows) => ({ files: rows.length, raw: total(rows, "raw"), gzip: total(rows, "gzip"), brotli: total(rows, "brotli") });
  // The largest chunks by name (each area's own code), the rest summed.
  const areas = chunks.filter((r) => /split_\w+_area\b/.test(r.file));
  return { shell, shell_total: totals(shell), areas, chunks_total: totals(chunks), total: totals([...shell, ...chunks]), precache: precache(measure) };
}

/** What the service worker precaches on the first visit: every file in sw.js's manifest. */
function precache(measure) {
  const sw = readFileSync(dist + "sw.js", "utf8");
  const files = [...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1].replace(/^\//, ""));
  const rows = files.map(measure);
  const sum = (key) => rows.reduce((n, r) => n + r[key], 0);
  return { files: rows.length, raw: sum("raw"), gzip: sum("gzip"), brotli: sum("brotli") };
}

// What "interactive" means on each page measured: the home page (the shell alone), and a deep link
// into a track (the shell, the Learn area's chunks and the curriculum pack).
const SCENARIOS = {
  home: { path: "/", ready: async (page) => {
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.getByRole("button", { name: /I'm learning/ }).waitFor();
  } },
  track: { path: "/learn/foundation", ready: async (page) => {
    await page.getByRole("heading", { level: 1 }).waitFor();
    await page.locator(".module-row").first().waitFor();
    // The prerendered page (tools/prerender.mjs) shows its text at once; interactive means the
    // app has taken it over.
    await page.waitForFunction(() => !document.querySelector("[data-prerendered]"));
  } },
};

async function coldLoad(browser, throttle, scenario) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  const start = Date.now();
  await page.goto(`http://127.0.0.1:${PORT}${scenario.path}`);
  await scenario.ready(page);
  const wall = Date.now() - start;
  // The browser's own clock, from navigation start to the heading being in the DOM.
  const fromNavigation = await page.evaluate(() => performance.now());
  await context.close();
  return { wall, fromNavigation };
}

/**
 * A repeat visit: a first visit installs the service worker, which precaches the build; then the
 * same page is opened again in the same browser profile, and served from the worker's cache.
 */
async function repeatVisit(browser, throttle, scenario) {
  const context = await browser.newContext({ serviceWorkers: "allow" });
  const first = await context.newPage();
  await first.goto(`http://127.0.0.1:${PORT}${scenario.path}`);
  await scenario.ready(first);
  await first.waitForFunction(() => Boolean(navigator.serviceWorker.controller), null, { timeout: 60_000 });
  await first.close();
  const page = await context.newPage();
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
  }
  const start = Date.now();
  await page.goto(`http://127.0.0.1:${PORT}${scenario.path}`);
  await scenario.ready(page);
  const wall = Date.now() - start;
  const fromNavigation = await page.evaluate(() => performance.now());
  const fromCache = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.endsWith(".wasm")).every((e) => e.workerStart > 0));
  await context.close();
  if (!fromCache) throw new Error("the repeat visit did not go through the service worker");
  return { wall, fromNavigation };
}

/**
 * Cold load to the first heading of Fluency's home page and of the floor app (the smallest Leptos
 * app built with the same toolchain, ../shared/anchors/leptos-floor), alternately, in fresh
 * contexts; each figure is the median of the per-pair ratios, since absolute times drift on a
 * shared machine. Two clocks, both the page's own, in ms since navigation:
 * - `painted`, the goal's measure: the first frame after the first <h1> entered the DOM has been
 *   rendered (a message posted from that frame's requestAnimationFrame callback runs after its
 *   style, layout and paint);
 * - `in_dom`: the first <h1> entered the DOM (a MutationObserver);
 * - `presented`: the heading's frame reached the screen, by the W3C Element Timing API (the
 *   observer marks the <h1> with `elementtiming` before its first frame, and the entry's
 *   `renderTime` is that frame's presentation time). It adds what happens after the main thread's
 *   part of the frame: rasterising the page's tiles and drawing them.
 *
 * Nothing of Playwright's runs in the page until both are known: the page reports them in a
 * console message, and `goto` returns as soon as the navigation commits. Until December 2026 the
 * bench waited with `getByRole(...).waitFor()` after `goto` had waited for the load event, and
 * the script Playwright then injects (about 10 to 15 ms of main thread at 1x CPU) landed between
 * the heading and its frame or before the heading, whichever the load event happened to precede:
 * it slowed the floor app more often than Fluency and made the ratio look better than it was
 * (docs/performance.md has the figures both ways).
 */
async function floorRatio(browser, throttle, floorPort) {
  const load = async (port) => {
    const context = await browser.newContext();
    await context.addInitScript(() => {
      const times = {};
      const report = () => {
        if (times.painted !== undefined && times.presented !== undefined) {
          console.debug(`fluency-bench ${times.inDom} ${times.painted} ${times.presented}`);
        }
      };
      new PerformanceObserver((entries) => {
        const entry = entries.getEntries().find((e) => e.identifier === "fluency-bench");
        if (entry && times.presented === undefined) {
          times.presented = entry.renderTime;
          report();
        }
      }).observe({ type: "element", buffered: true });
      new MutationObserver((_, observer) => {
        const heading = document.querySelector("h1");
        if (!heading) return;
        times.inDom = performance.now();
        observer.disconnect();
        heading.setAttribute("elementtiming", "fluency-bench");
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            times.painted = performance.now();
            report();
          };
          channel.port2.postMessage(null);
        });
      }).observe(document, { childList: true, subtree: true });
    });
    const page = await context.newPage();
    if (throttle > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
    }
    const reported = new Promise((resolve) =>
      page.on("console", (message) => {
        const [tag, inDom, painted, presented] = message.text().split(" ");
        if (tag === "fluency-bench") resolve({ inDom: Number(inDom), painted: Number(painted), presented: Number(presented) });
      }),
    );
    await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: "commit" });
    let timer;
    const times = await Promise.race([
      reported,
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no heading on port ${port} within 30 s`)), 30_000))),
    ]).finally(() => clearTimeout(timer));
    await context.close();
    return times;
  };
  await load(PORT);
  await load(floorPort);
  const pairs = [];
  for (let i = 0; i < RUNS; i++) {
    const ours = await load(PORT);
    const floor = await load(floorPort);
    pairs.push({
      ours_in_dom: Math.round(ours.inDom),
      floor_in_dom: Math.round(floor.inDom),
      ratio_in_dom: Number((ours.inDom / floor.inDom).toFixed(2)),
      ours_painted: Math.round(ours.painted),
      floor_painted: Math.round(floor.painted),
      ratio_painted: Number((ours.painted / floor.painted).toFixed(2)),
      ours_presented: Math.round(ours.presented),
      floor_presented: Math.round(floor.presented),
      ratio_presented: Number((ours.presented / floor.presented).toFixed(2)),
    });
  }
  return {
    pairs,
    median_ratio_painted: median(pairs.map((p) => p.ratio_painted)),
    median_ours_painted_ms: median(pairs.map((p) => p.ours_painted)),
    median_floor_painted_ms: median(pairs.map((p) => p.floor_painted)),
    median_ratio_in_dom: median(pairs.map((p) => p.ratio_in_dom)),
    median_ratio_presented: median(pairs.map((p) => p.ratio_presented)),
    median_ours_presented_ms: median(pairs.map((p) => p.ours_presented)),
    median_floor_presented_ms: median(pairs.map((p) => p.floor_presented)),
  };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};

const server = spawn("node", [root + "tools/serve-dist.mjs", dist, String(PORT)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const load = {};
  for (const [name, scenario] of Object.entries(SCENARIOS)) for (const throttle of [1, 4]) {
    await coldLoad(browser, throttle, scenario); // warm the OS file cache and the server, not the browser
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await coldLoad(browser, throttle, scenario));
    load[`${name} (${scenario.path}), CPU ×${throttle}`] = {
      runs: runs.map((r) => r.wall),
      median_ms: median(runs.map((r) => r.wall)),
      median_since_navigation_ms: Math.round(median(runs.map((r) => r.fromNavigation))),
    };
  }
  const repeat = {};
  for (const [name, scenario] of Object.entries(SCENARIOS)) for (const throttle of [1, 4]) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await repeatVisit(browser, throttle, scenario));
    repeat[`${name} (${scenario.path}), CPU ×${throttle}`] = {
      runs: runs.map((r) => Math.round(r.fromNavigation)),
      median_since_navigation_ms: Math.round(median(runs.map((r) => r.fromNavigation))),
    };
  }
  const floor = {};
  if (floorDist) {
    const floorServer = spawn("node", [root + "tools/serve-dist.mjs", floorDist, String(FLOOR_PORT)], { stdio: "ignore" });
    await new Promise((r) => setTimeout(r, 500));
    try {
      for (const throttle of [1, 4]) floor[`CPU ×${throttle}`] = await floorRatio(browser, throttle, FLOOR_PORT);
    } finally {
      floorServer.kill();
    }
  }
  await browser.close();

  const bytes = sizes();
  const results = { date: new Date().toISOString(), load_average_1m: Number(loadavg()[0].toFixed(2)), runs: RUNS, bytes, load, repeat, floor };
  mkdirSync(root + "bench", { recursive: true });
  writeFileSync(root + "bench/results.json", JSON.stringify(results, null, 2) + "\n");
  const kb = (n) => (n / 1024).toFixed(1);
  const md = [
    `# Benchmark results`,
    ``,
    `Measured ${results.date} on this machine (${RUNS} cold runs each, fresh browser context per run).`,
    ``,
    `First page load (the shell):`,
    ``,
    `| file | raw KB | gzip KB | brotli KB |`,
    `|---|---:|---:|---:|`,
    ...bytes.shell.map((r) => `| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`),
    `| **shell** | **${kb(bytes.shell_total.raw)}** | **${kb(bytes.shell_total.gzip)}** | **${kb(bytes.shell_total.brotli)}** |`,
    ``,
    `Loaded on first use of an area (each area's own chunk; shared chunks are in the chunk total):`,
    ``,
    `| file | raw KB | gzip KB | brotli KB |`,
    `|---|---:|---:|---:|`,
    ...bytes.areas.map((r) => `| ${r.file.replace(/^wasm-[0-9a-f]+\//, "")} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`),
    `| all ${bytes.chunks_total.files} chunks | ${kb(bytes.chunks_total.raw)} | ${kb(bytes.chunks_total.gzip)} | ${kb(bytes.chunks_total.brotli)} |`,
    `| **shell + every chunk** | **${kb(bytes.total.raw)}** | **${kb(bytes.total.gzip)}** | **${kb(bytes.total.brotli)}** |`,
    ``,
    `| cold load to interactive | median (wall clock) | median (browser clock) | runs |`,
    `|---|---:|---:|---|`,
    ...Object.entries(load).map(([k, v]) => `| ${k} | ${v.median_ms} ms | ${v.median_since_navigation_ms} ms | ${v.runs.join(", ")} |`),
    ``,
    `Repeat visit, served by the service worker from its cache (browser clock, navigation to interactive):`,
    ``,
    `| repeat visit | median | runs |`,
    `|---|---:|---|`,
    ...Object.entries(repeat).map(([k, v]) => `| ${k} | ${v.median_since_navigation_ms} ms | ${v.runs.join(", ")} |`),
    ``,
    `Precache (what the service worker downloads on the first visit): ${bytes.precache.files} files, ${kb(bytes.precache.raw)} KB raw, ${kb(bytes.precache.gzip)} KB gzip, ${kb(bytes.precache.brotli)} KB brotli.`,
    ``,
    ...(floorDist
      ? [
          `Home page against the floor app (smallest Leptos app, same toolchain), cold load to the first heading, alternating; median of per-pair ratios. "Painted" is the goal's measure: the frame holding the first heading rendered, by the page's clock; nothing of Playwright's runs in the page before it (see floorRatio):`,
          ``,
          `| throttle | ratio, heading painted | Fluency | floor | pairs (Fluency/floor ms) | ratio, heading in the DOM | ratio, heading presented (Element Timing) | Fluency | floor |`,
          `|---|---:|---:|---:|---|---:|---:|---:|---:|`,
          ...Object.entries(floor).map(([k, v]) => `| ${k} | ${v.median_ratio_painted}× | ${v.median_ours_painted_ms} ms | ${v.median_floor_painted_ms} ms | ${v.pairs.map((p) => `${p.ours_painted}/${p.floor_painted}`).join(", ")} | ${v.median_ratio_in_dom}× | ${v.median_ratio_presented}× | ${v.median_ours_presented_ms} ms | ${v.median_floor_presented_ms} ms |`),
        ]
      : [`The floor app is not built (target-floor/dist), so the ratio is left out.`]),
    ``,
  ].join("\n");
  writeFileSync(root + "bench/results.md", md);
  console.log(md);
} finally {
  server.kill();
}
