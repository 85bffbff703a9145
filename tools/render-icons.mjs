// Renders the app's PNG icons from public/icons/maskable.svg with Chromium: the maskable icons of
// the web app manifest (192 and 512 px) and the Apple touch icon (180 px). The PNGs are committed;
// run this again after changing the SVG:
//
//   node tools/render-icons.mjs
//
// It uses the Playwright package installed for the end-to-end tests and Debian's Chromium.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const root = fileURLToPath(new URL("../", import.meta.url));
const { chromium } = createRequire(root + "end2end/package.json")("@playwright/test");
const svg = readFileSync(root + "public/icons/maskable.svg", "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});
for (const [size, name] of [[192, "maskable-192.png"], [512, "maskable-512.png"], [180, "apple-touch-icon.png"]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  await page.setContent(`<style>html,body{margin:0}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`);
  await page.screenshot({ path: root + "public/icons/" + name, omitBackground: false });
  await page.close();
  console.log(`public/icons/${name}`);
}
await browser.close();
