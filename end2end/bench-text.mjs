// Benchmark: long text. (1) A unit whose body is one unbroken line of 20,000 and 60,000 characters
// (legal: under the 64 KB unit limit), opened in the learner's reader from a pack file: the time
// from the click to the text laid out and the next frame, median of several runs. (2) The Team
// roster with 200 learners, one of them named with 10,000 characters: the time from navigation to
// the roster's rows and the table's width. Writes bench/text.json. Run by scripts/bench.sh after
// the release build; `DIST=/other/dist node end2end/bench-text.mjs` measures another build.
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const root = fileURLToPath(new URL("../", import.meta.url));
const dist = process.env.DIST ?? root + "dist/";
const PORT = Number(process.env.BENCH_TEXT_PORT ?? 8099);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function longPack() {
  const pack = JSON.parse(readFileSync(root + "docs/examples/tiny-pack.json", "utf8"));
  pack.id = "bench-long-lines";
  const module = pack.tracks[0].modules[0];
  const template = module.units[0];
  // One line of words (no line break), and one unbroken run of letters.
  const words = (n) => "Checking AI output takes care. ".repeat(Math.ceil(n / 31)).slice(0, n);
  module.units.push({ ...template, id: "line-20k", title: "Line 20000", body: words(20_000) });
  module.units.push({ ...template, id: "line-60k", title: "Line 60000", body: words(60_000) });
  module.units.push({ ...template, id: "run-60k", title: "Run 60000", body: "x".repeat(60_000) });
  return JSON.stringify(pack);
}

async function openUnit(page, title, nav = "Pack contents", target = "main .prose") {
  return page.evaluate(async ([title, nav, target]) => {
    // The outline's button for the unit (the navigation is named ${nav}).
    const button = [...document.querySelectorAll("nav button")].find((b) => b.textContent.includes(title));
    const start = performance.now();
    button.click();
    await new Promise((resolve) => {
      const check = () => {
        const text = document.querySelector(target)?.textContent ?? "";
        if (text.length > 10_000) {
          // Force layout, then wait for the frame after it.
          void document.querySelector(target).getBoundingClientRect();
          requestAnimationFrame(() => requestAnimationFrame(resolve));
        } else {
          setTimeout(check, 0);
        }
      };
      check();
    });
    return performance.now() - start;
  }, [title, nav, target]);
}

function teamStorage() {
  const members = {};
  for (let i = 0; i < 200; i++) {
    const name = i === 0 ? "A".repeat(10_000) : `Learner ${i}`;
    members[`did:key:z${String(i).padStart(4, "0")}`] = { n: name, t: "Ops", p: 1_790_000_000_000 + i, a: 1_790_000_000_000, d: [], b: [], c: [], x: [] };
  }
  return JSON.stringify({ schema: 1, data: { modules: [], tracks: [], members, due: {} } });
}

const server = spawn("node", [root + "tools/serve-dist.mjs", dist, String(PORT)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const results = { date: new Date().toISOString(), dist, runs: RUNS, unit_line_ms: {}, roster: {} };
  for (const [key, title] of [["words_20000", "Line 20000"], ["words_60000", "Line 60000"], ["unbroken_60000", "Run 60000"]]) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/learn/open`);
      await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name: "long.json", mimeType: "application/json", buffer: Buffer.from(longPack()) });
      await page.getByRole("navigation", { name: "Pack contents" }).waitFor();
      times.push(await openUnit(page, title));
      await context.close();
    }
    results.unit_line_ms[key] = { median: +median(times).toFixed(0), all: times.map((t) => +t.toFixed(0)) };
  }
  // The Studio's editor with its live preview, on the same units.
  for (const [key, title] of [["studio_words_60000", "Line 60000"], ["studio_unbroken_60000", "Run 60000"]]) {
    const times = [];
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`http://127.0.0.1:${PORT}/studio`);
      await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name: "long.json", mimeType: "application/json", buffer: Buffer.from(longPack()) });
      await page.getByRole("button", { name: "Import as a draft" }).click();
      await page.getByRole("navigation", { name: "Contents" }).waitFor();
      times.push(await openUnit(page, title, "Contents", '[data-testid="live-preview"]'));
      await context.close();
    }
    results.unit_line_ms[key] = { median: +median(times).toFixed(0), all: times.map((t) => +t.toFixed(0)) };
  }
  const times = [];
  let width = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    await context.addInitScript((team) => {
      if (!localStorage.getItem("fluency.team")) localStorage.setItem("fluency.team", team);
    }, teamStorage());
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(`http://127.0.0.1:${PORT}/team`);
    await page.locator("table.roster tbody tr").first().waitFor();
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    times.push(Date.now() - start);
    width = await page.locator("table.roster").evaluate((t) => t.scrollWidth);
    await context.close();
  }
  results.roster = { learners: 200, longest_name_chars: 10_000, load_to_rows_ms: median(times), table_width_px: width };
  await browser.close();
  mkdirSync(root + "bench", { recursive: true });
  if (!process.env.DIST) writeFileSync(root + "bench/text.json", JSON.stringify(results, null, 2) + "\n");
  console.log(JSON.stringify(results, null, 2));
} finally {
  server.kill();
}
