// Benchmark: import + verify + aggregate 10,000 signed progress reports on the Team page, in headless
// Chromium, against two yardsticks measured in the same page and run: a bare JSON.parse of the same
// bytes, and the verification floor, that is, the same reports' 10,000 (key, signature, signed bytes)
// triples checked with nothing but Web Crypto's Ed25519 (importKey + verify) in two Web Workers, and
// in one. The reports are signed in Node (lib/team-reports.mjs), each with its own key, and imported
// as one bundle file through the page's file picker. The page marks the end of each import phase
// (`team-import:<phase>`, src/pages/team/import.rs); the bench sums them into a breakdown. Writes
// bench/team.json. Run with `make bench` or `node end2end/team-bench.mjs`.
//
// The floor's worker script and data are the bench's own, served to the page through Playwright
// routes on the app's origin (so the page's policy, `worker-src 'self'`, admits them); nothing of
// the app's is used to measure it.
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir, loadavg, cpus } from "node:os";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { randomBytes, createPublicKey } from "node:crypto";
import { chromium } from "@playwright/test";
import { makeReport, signReport, learnerKey, canonical } from "./lib/team-reports.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const COUNT = Number(process.env.TEAM_BENCH_COUNT ?? 10_000);
const RUNS = Number(process.env.TEAM_BENCH_RUNS ?? 3);
const PORT = 8098;
const pack = JSON.parse(readFileSync(root + "public/packs/fluency-core.json", "utf8"));
const moduleCount = pack.tracks.reduce((n, t) => n + t.modules.length, 0);

const started = Date.now();
const now = Date.now();
const reports = [];
/** Per report, what a bare Ed25519 verifier needs: raw public key, signature, the signed bytes. */
const triples = [];
for (let i = 0; i < COUNT; i++) {
  const done = i % (moduleCount + 1);
  const certificates = i % 7 === 0
    ? [{ id: `cert-${i}`, track_id: "foundation", issued_at: now - 86_400_000, expires_at: now + 700 * 86_400_000 }]
    : [];
  const report = makeReport(pack, {
    name: `Learner ${i}`, team: `Team ${i % 25}`, email: `learner${i}@example.org`,
    done, producedAt: now - (i % 1000) * 1000, certificates,
  });
  const key = learnerKey(randomBytes(32));
  const signed = signReport(report, key);
  reports.push(signed);
  triples.push({
    key: createPublicKey(key.key).export({ format: "der", type: "spki" }).subarray(-32),
    signature: Buffer.from(signed.signature, "base64url"),
    message: Buffer.from(canonical(signed.report), "utf8"),
  });
}
const bundle = JSON.stringify(reports);
const floorData = packTriples(triples);
const dir = mkdtempSync(tmpdir() + "/fluency-team-bench-");
const file = `${dir}/reports.json`;
writeFileSync(file, bundle);
console.log(`generated ${COUNT} signed reports (${(bundle.length / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`);

/**
 * The floor's data as one buffer: n (u32), n + 1 message offsets (u32), n keys of 32 bytes, n
 * signatures of 64 bytes, then every signed message end to end. Little-endian.
 */
function packTriples(list) {
  const n = list.length;
  const total = list.reduce((sum, t) => sum + t.message.length, 0);
  const head = 4 * (n + 2);
  const out = Buffer.alloc(head + 96 * n + total);
  out.writeUInt32LE(n, 0);
  let at = 0;
  for (let i = 0; i < n; i++) {
    out.writeUInt32LE(at, 4 * (i + 1));
    list[i].key.copy(out, head + 32 * i);
    list[i].signature.copy(out, head + 32 * n + 64 * i);
    list[i].message.copy(out, head + 96 * n + at);
    at += list[i].message.length;
  }
  out.writeUInt32LE(at, 4 * (n + 1));
  return out;
}

// The floor's worker: imports every key of its share, then verifies every signature, all requests
// in flight at once (as many as Web Crypto will queue), and replies with how many were valid and
// how long each half took. It is sent a ping first, so that starting the worker is not counted.
const FLOOR_WORKER = `"use strict";
self.onmessage = async ({ data }) => {
  if (data === "ping") { self.postMessage("ready"); return; }
  const { keys, signatures, messages, offsets } = data;
  const n = offsets.length - 1;
  const subtle = self.crypto.subtle;
  const t0 = performance.now();
  const imported = await Promise.all(Array.from({ length: n }, (_, i) =>
    subtle.importKey("raw", keys.subarray(32 * i, 32 * i + 32), "Ed25519", false, ["verify"])));
  const t1 = performance.now();
  const checked = await Promise.all(imported.map((key, i) =>
    subtle.verify("Ed25519", key, signatures.subarray(64 * i, 64 * i + 64), messages.subarray(offsets[i], offsets[i + 1]))));
  const t2 = performance.now();
  self.postMessage({ valid: checked.filter((v) => v === true).length, import_ms: t1 - t0, verify_ms: t2 - t1 });
};
`;

/**
 * Runs in the page: fetches the floor data, starts `workers` floor workers (each answers a ping
 * first), then times from handing each its share (transferred, not copied) until all have replied.
 */
async function floorInPage({ workers: count }) {
  const buffer = await (await fetch("/__team-bench/floor.bin")).arrayBuffer();
  const view = new DataView(buffer);
  const n = view.getUint32(0, true);
  const offsets = new Uint32Array(buffer.slice(4, 4 * (n + 2)));
  const head = 4 * (n + 2);
  const workers = await Promise.all(Array.from({ length: count }, async () => {
    const worker = new Worker("/__team-bench/floor-worker.js");
    await new Promise((resolve, reject) => {
      worker.onmessage = resolve;
      worker.onerror = reject;
      worker.postMessage("ping");
    });
    return worker;
  }));
  const size = Math.ceil(n / count);
  const shares = workers.map((_, w) => {
    const from = Math.min(n, w * size);
    const to = Math.min(n, from + size);
    const base = offsets[from];
    return {
      keys: new Uint8Array(buffer.slice(head + 32 * from, head + 32 * to)),
      signatures: new Uint8Array(buffer.slice(head + 32 * n + 64 * from, head + 32 * n + 64 * to)),
      messages: new Uint8Array(buffer.slice(head + 96 * n + base, head + 96 * n + offsets[to])),
      offsets: offsets.slice(from, to + 1).map((o) => o - base),
    };
  });
  const start = performance.now();
  const replies = await Promise.all(workers.map((worker, w) => new Promise((resolve, reject) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.onerror = reject;
    const share = shares[w];
    worker.postMessage(share, [share.keys.buffer, share.signatures.buffer, share.messages.buffer, share.offsets.buffer]);
  })));
  const ms = performance.now() - start;
  workers.forEach((worker) => worker.terminate());
  return {
    ms,
    valid: replies.reduce((sum, r) => sum + r.valid, 0),
    import_ms: Math.max(...replies.map((r) => r.import_ms)),
    verify_ms: Math.max(...replies.map((r) => r.verify_ms)),
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floorFigures = (runs) => ({
  runs: runs.map((f) => Math.round(f.ms)),
  median: Math.round(median(runs.map((f) => f.ms))),
  // Within that, the slowest worker's time importing keys and verifying (medians).
  import_keys_ms: Math.round(median(runs.map((f) => f.import_ms))),
  verify_ms: Math.round(median(runs.map((f) => f.verify_ms))),
});
// TEAM_BENCH_DIST serves another build (say, a copy of an older dist) instead of dist/.
const dist = process.env.TEAM_BENCH_DIST ?? root + "dist/";
const loadAtStart = loadavg()[0];
const server = spawn("node", [root + "tools/serve-dist.mjs", dist, String(PORT)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const imports = [];
  const parses = [];
  const inPage = [];
  const floors2 = [];
  const floors1 = [];
  const phaseRuns = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    await context.route("**/__team-bench/floor-worker.js", (route) =>
      route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: FLOOR_WORKER }));
    await context.route("**/__team-bench/floor.bin", (route) =>
      route.fulfill({ status: 200, contentType: "application/octet-stream", body: floorData }));
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/team`);
    await page.getByRole("heading", { name: "Import reports" }).waitFor();

    // Yardstick: the same bytes through a bare JSON.parse, in the same page.
    await page.evaluate(() => {
      const input = document.createElement("input");
      input.type = "file";
      input.id = "yardstick";
      input.hidden = true;
      document.body.append(input);
    });
    await page.locator("#yardstick").setInputFiles(file);
    parses.push(await page.evaluate(async () => {
      const text = await document.getElementById("yardstick").files[0].text();
      const start = performance.now();
      JSON.parse(text);
      return performance.now() - start;
    }));

    // In-page clock: from the file input's change event to the summary being in the DOM.
    await page.evaluate(() => {
      window.__bench = {};
      document.getElementById("team-files").addEventListener("change", () => { window.__bench.start = performance.now(); }, { capture: true });
      new MutationObserver((_, observer) => {
        if (document.querySelector(".import-summary")) {
          window.__bench.end = performance.now();
          observer.disconnect();
        }
      }).observe(document.body, { childList: true, subtree: true });
    });
    const start = Date.now();
    await page.getByLabel(/^Report files/).setInputFiles(file);
    await page.locator(".import-summary").waitFor({ timeout: 120_000 });
    imports.push(Date.now() - start);
    inPage.push(await page.evaluate(() => Math.round(window.__bench.end - window.__bench.start)));
    const summary = await page.locator(".import-summary").innerText();
    if (!summary.startsWith(`${COUNT} added`)) throw new Error(`unexpected result: ${summary}`);
    await page.getByText(`${COUNT * pack.tracks.length} rows match`).waitFor();
    const stored = await page.evaluate(() => localStorage.getItem("fluency.team").length);
    // The page's own marks: each `team-import:<phase>` closes the interval since the previous mark;
    // "render" is from the last mark to the summary in the DOM.
    phaseRuns.push(await page.evaluate(() => {
      const marks = performance.getEntriesByType("mark").filter((m) => m.name.startsWith("team-import:"));
      const phases = {};
      let last = window.__bench.start;
      for (const m of marks) {
        const name = m.name.slice("team-import:".length);
        phases[name] = (phases[name] ?? 0) + (m.startTime - last);
        last = m.startTime;
      }
      phases.render = window.__bench.end - last;
      return phases;
    }));

    // The floor, in the same page once the import has settled: two workers, then one.
    await page.waitForTimeout(300);
    floors2.push(await page.evaluate(floorInPage, { workers: 2 }));
    floors1.push(await page.evaluate(floorInPage, { workers: 1 }));
    for (const f of [floors2.at(-1), floors1.at(-1)]) {
      if (f.valid !== COUNT) throw new Error(`the floor found ${f.valid} of ${COUNT} signatures valid`);
    }
    const phases = Object.entries(phaseRuns.at(-1)).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(", ");
    console.log(`run ${run + 1}: import+verify+aggregate ${imports.at(-1)} ms wall, ${inPage.at(-1)} ms in page (${phases}); floor ${floors2.at(-1).ms.toFixed(0)} ms with 2 workers, ${floors1.at(-1).ms.toFixed(0)} ms with 1; JSON.parse ${parses.at(-1).toFixed(0)} ms; stored ${stored} characters; load ${loadavg()[0].toFixed(2)}`);
    await context.close();
  }
  await browser.close();
  const results = {
    date: new Date().toISOString(),
    // The machine is shared: the 1-minute load average and core count put the figures in context.
    load_average_1m: Number(loadavg()[0].toFixed(2)),
    // The same, when the runs began (load_average_1m is taken when they end).
    load_average_1m_start: Number(loadAtStart.toFixed(2)),
    cores: cpus().length,
    reports: COUNT,
    bytes: bundle.length,
    runs: RUNS,
    import_verify_aggregate_ms: { runs: imports, median: median(imports) },
    in_page_ms: { runs: inPage, median: median(inPage) },
    json_parse_ms: { runs: parses.map(Math.round), median: Math.round(median(parses)) },
    target_ms: 1500,
    // The verification floor, measured in the same page right after each import: the same
    // reports' (key, signature, signed bytes) checked by bare Web Crypto Ed25519 in workers.
    floor_two_workers_ms: floorFigures(floors2),
    floor_one_worker_ms: floorFigures(floors1),
    // The import's in-page time over the two-worker floor, run by run; the goal is at most 2.
    import_over_floor: {
      runs: inPage.map((ms, i) => Number((ms / floors2[i].ms).toFixed(2))),
      median: Number((median(inPage) / median(floors2.map((f) => f.ms))).toFixed(2)),
    },
    target_ratio: 2,
    // Milliseconds per import phase (the page's marks), median of the runs for each phase.
    phases_ms: Object.fromEntries(Object.keys(phaseRuns[0] ?? {}).map((k) => [k, Math.round(median(phaseRuns.map((p) => p[k] ?? 0)))])),

  };
  mkdirSync(root + "bench", { recursive: true });
  writeFileSync(root + "bench/team.json", JSON.stringify(results, null, 2) + "\n");
  console.log(JSON.stringify(results, null, 2));
} finally {
  server.kill();
}
