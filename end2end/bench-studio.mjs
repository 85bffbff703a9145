// Benchmark: keystroke-to-preview latency in the Studio on the full shipped pack. Duplicates the
// shipped curriculum, opens its longest unit, types characters one by one and measures, in the page,
// the time from each keydown to the live preview's DOM changing (and to the next frame after it).
// Writes bench/studio.json. Run by scripts/bench.sh after the release build.
import { writeFileSync, mkdirSync } from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const root = fileURLToPath(new URL("../", import.meta.url));
const PORT = 8098;
const KEYS = Number(process.env.BENCH_KEYS ?? 40);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

const server = spawn("node", [root + "tools/serve-dist.mjs", root + "dist/", String(PORT)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 500));
try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
  });
  const page = await (await browser.newContext()).newPage();
  await page.goto(`http://127.0.0.1:${PORT}/studio`);
  await page.getByRole("button", { name: "Duplicate to edit" }).click();
  await page.getByRole("heading", { level: 1, name: /Editing:/ }).waitFor();
  // The longest unit body of the pack is the worst case for the renderer.
  const units = page.getByRole("navigation", { name: "Contents" }).getByRole("button", { name: /^Unit / });
  const count = await units.count();
  let longest = 0, longestLen = -1;
  for (let i = 0; i < count; i += 1) {
    await units.nth(i).click();
    const len = (await page.getByLabel("Text (Markdown)").inputValue()).length;
    if (len > longestLen) { longest = i; longestLen = len; }
  }
  await units.nth(longest).click();
  const body = page.getByLabel("Text (Markdown)");
  await body.click();
  await body.press("End");
  await page.evaluate(() => {
    const area = document.querySelector('.unit-editor textarea[id$="-body"]');
    const preview = document.querySelector('[data-testid="live-preview"]');
    window.__lat = [];
    let start = 0;
    area.addEventListener("keydown", () => { start = performance.now(); }, true);
    new MutationObserver(() => {
      if (!start) return;
      const dom = performance.now() - start;
      const s = start;
      start = 0;
      requestAnimationFrame(() => window.__lat.push({ dom, frame: performance.now() - s }));
    }).observe(preview, { childList: true, subtree: true, characterData: true });
  });
  for (let i = 0; i < KEYS; i += 1) {
    await page.keyboard.type(i % 5 === 4 ? " " : "x");
    await page.waitForTimeout(60);
  }
  await page.waitForTimeout(300);
  const lat = await page.evaluate(() => window.__lat);
  await browser.close();
  const dom = lat.map((l) => l.dom), frame = lat.map((l) => l.frame);
  const results = {
    date: new Date().toISOString(),
    unit_body_chars: longestLen,
    units_in_pack: count,
    keystrokes: KEYS,
    measured: lat.length,
    keystroke_to_preview_dom_ms: { median: +median(dom).toFixed(1), p95: +p95(dom).toFixed(1) },
    keystroke_to_next_frame_ms: { median: +median(frame).toFixed(1), p95: +p95(frame).toFixed(1) },
  };
  mkdirSync(root + "bench", { recursive: true });
  writeFileSync(root + "bench/studio.json", JSON.stringify(results, null, 2) + "\n");
  console.log(JSON.stringify(results, null, 2));
} finally {
  server.kill();
}
