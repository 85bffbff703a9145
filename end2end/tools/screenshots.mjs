// Screenshots of the release build for a person to look at: every page given on the command line (or
// a default set), in each interface language and theme, at 360 px and at desktop width.
//
//   node end2end/tools/screenshots.mjs [--out DIR] [--lang en,zh-CN] [--theme light,dark] [route ...]
//
// It serves dist/ itself on a free loopback port and writes DIR/<route>-<lang>-<theme>-<width>.png
// (default DIR: end2end/test-results/screenshots). Storage starts empty except for the profile's
// language and theme, so pages show what a new visitor sees; pass routes that need no prior progress,
// or seed more with FLUENCY_SEED (a JSON object of localStorage keys and values).
import { chromium } from "@playwright/test";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const out = option("--out", `${root}end2end/test-results/screenshots`);
const languages = option("--lang", "en,zh-CN").split(",");
const themes = option("--theme", "light,dark").split(",");
const routes = args.length > 0 ? args : ["/", "/learn", "/learn/foundation", "/learn/review", "/verify", "/studio", "/team", "/profile"];
const widths = [360, 1280];
const seed = JSON.parse(process.env.FLUENCY_SEED ?? "{}");

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const port = await freePort();
const server = spawn(process.execPath, [`${root}tools/serve-dist.mjs`, `${root}dist`, String(port)], { stdio: "ignore" });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  mkdirSync(out, { recursive: true });
  for (let tries = 0; ; tries++) {
    try {
      await fetch(`http://127.0.0.1:${port}/`);
      break;
    } catch (error) {
      if (tries > 50) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  for (const language of languages) {
    for (const theme of themes) {
      for (const width of widths) {
        const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme: theme });
        const profile = JSON.stringify({ schema: 1, data: { display_name: "", role: null, language, theme } });
        await context.addInitScript(
          ([values]) => {
            if (sessionStorage.getItem("__seeded")) return;
            for (const [key, value] of Object.entries(values)) localStorage.setItem(key, value);
            sessionStorage.setItem("__seeded", "1");
          },
          [{ "fluency.profile": profile, ...seed }],
        );
        const page = await context.newPage();
        for (const route of routes) {
          await page.goto(`http://127.0.0.1:${port}${route}`);
          await page.locator("h1").first().waitFor({ timeout: 15_000 });
          await page.waitForLoadState("networkidle");
          const name = route.replace(/^\/$/, "home").replace(/^\//, "").replace(/[/?#=&]+/g, "-");
          const file = `${out}/${name}-${language}-${theme}-${width}.png`;
          await page.screenshot({ path: file, fullPage: true });
          console.log(file);
        }
        await context.close();
      }
    }
  }
} finally {
  await browser.close();
  server.kill();
}
