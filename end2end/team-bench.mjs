// Benchmark: import + verify + aggregate 10,000 signed progress reports on the Team page, in headless
// Chromium, against a bare JSON.parse of the same bytes as the yardstick. The reports are signed in
// Node (lib/team-reports.mjs), each with its own key, and imported as one bundle file through the
// page's file picker. Writes bench/team.json. Run with `make bench` or `node end2end/team-bench.mjs`.
import { readFileSync, writeFileSync, mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir, loadavg, cpus } from "node:os";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { randomBytes } from "node:crypto";
import { chromium } from "@playwright/test";
import { makeReport, signReport, learnerKey } from "./lib/team-reports.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const COUNT = Number(process.env.TEAM_BENCH_COUNT ?? 10_000);
const RUNS = Number(process.env.TEAM_BENCH_RUNS ?? 3);
const PORT = 8098;
const pack = JSON.parse(readFileSync(root + "public/packs/fluency-core.json", "utf8"));
const moduleCount = pack.tracks.reduce((n, t) => n + t.modules.length, 0);

const started = Date.now();
const now = Date.now();
const reports = [];
for (let i = 0; i < COUNT; i++) {
  const done = i % (moduleCount + 1);
  const certificates = i % 7 === 0
    ? [{ id: `cert-${i}`, track_id: "foundation", issued_at: now - 86_400_000, expires_at: now + 700 * 86_400_000 }]
    : [];
  const report = makeReport(pack, {
    name: `Learner ${i}`, team: `Team ${i % 25}`, email: `learner${i}@example.org`,
    done, producedAt: now - (i % 1000) * 1000, certificates,
  });
  reports.push(signReport(report, learnerKey(randomBytes(32))));
}
const bundle = JSON.stringify(reports);
const dir = mkdtempSync(tmpdir() + "/fluency-team-bench-");
const file = `${dir}/reports.json`;
writeFileSync(file, bundle);
console.log(`generated ${COUNT} signed reports (${(bundle.length / 1e6).toFixed(1)} MB) in ${Date.now() - started} ms`);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const server = spawn("node", [root + "tools/serve-dist.mjs", root + "dist/", String(PORT)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const imports = [];
  const parses = [];
  const inPage = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
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
    console.log(`run ${run + 1}: import+verify+aggregate ${imports.at(-1)} ms wall, ${inPage.at(-1)} ms in page; JSON.parse ${parses.at(-1).toFixed(0)} ms; stored ${stored} characters`);
    await context.close();
  }
  await browser.close();
  const results = {
    date: new Date().toISOString(),
    // The machine is shared: the 1-minute load average and core count put the figures in context.
    load_average_1m: Number(loadavg()[0].toFixed(2)),
    cores: cpus().length,
    reports: COUNT,
    bytes: bundle.length,
    runs: RUNS,
    import_verify_aggregate_ms: { runs: imports, median: median(imports) },
    in_page_ms: { runs: inPage, median: median(inPage) },
    json_parse_ms: { runs: parses.map(Math.round), median: Math.round(median(parses)) },
    target_ms: 1500,
  };
  mkdirSync(root + "bench", { recursive: true });
  writeFileSync(root + "bench/team.json", JSON.stringify(results, null, 2) + "\n");
  console.log(JSON.stringify(results, null, 2));
} finally {
  server.kill();
}
