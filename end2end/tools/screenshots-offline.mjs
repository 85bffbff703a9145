// Screenshots of what issue #14 added, for a person to look at: the update notice, the persistence
// prompt, the backup reminder and the Profile sections, at 360 px and on a desktop, light and dark,
// English and Chinese. Not a test; run against a release build:
//
//   node end2end/tools/screenshots-offline.mjs [out-dir]
import { mkdirSync, readFileSync } from "node:fs";
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = process.argv[2] ?? "/tmp/fluency-shots";
const PORT = Number(process.env.SHOTS_PORT ?? 8094);
mkdirSync(out, { recursive: true });
const pack = JSON.parse(readFileSync(root + "public/packs/fluency-core.json", "utf8"));
const module = pack.tracks[0].modules[0];
const envelope = (data, schema = 1) => JSON.stringify({ schema, data });
const server = spawn("node", [root + "tools/serve-dist.mjs", root + "dist", String(PORT)], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 700));
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
try {
  for (const language of ["en", "zh-CN"]) for (const theme of ["light", "dark"]) for (const [width, height] of [[360, 800], [1280, 900]]) {
    const tag = `${language}-${theme}-${width}`;
    const context = await browser.newContext({ viewport: { width, height }, colorScheme: theme, locale: language, serviceWorkers: "block" });
    const now = Date.now();
    await context.addInitScript(([profile, progress, key]) => {
      if (sessionStorage.getItem("seeded")) return;
      localStorage.setItem("fluency.profile", profile);
      localStorage.setItem(key, progress);
      sessionStorage.setItem("seeded", "1");
      navigator.storage.persisted = async () => false;
      navigator.storage.persist = async () => true;
    }, [
      envelope({ display_name: "", role: "learner", language, theme, path: null }, 2),
      envelope({ pack_id: pack.id, pack_version: pack.version, units: { [module.units[1].id]: now - 20 * 86_400_000 }, attempts: {}, position: null, placement: null }),
      `fluency.progress.${pack.id}`,
    ]);
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/learn/${pack.tracks[0].id}/${module.id}/${module.units[0].id}`);
    await page.locator("h1").waitFor();
    await page.locator(".complete-bar button").click();
    await page.waitForTimeout(800);
    // The update notice, as the boot script would announce it.
    await page.evaluate(() => dispatchEvent(new Event("fluency-update-ready")));
    await page.waitForTimeout(300);
    await page.screenshot({ path: `${out}/notices-${tag}.png` });
    await page.goto(`http://127.0.0.1:${PORT}/profile`);
    await page.locator("h1").waitFor();
    await page.waitForTimeout(800);
    await page.locator("#storage-heading").scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${out}/profile-${tag}.png`, fullPage: true });
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
console.log(`screenshots in ${out}`);
