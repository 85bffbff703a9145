import { test, expect, appReady, expectNoAxeViolations, seedStorage, envelope } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// Prerendered pages (tools/prerender.mjs): a shared link to a track, module or unit paints its text
// from the HTML, before the WebAssembly arrives, and the app then takes the page over in place.

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFileSync(fileURLToPath(new URL(path, root)), "utf8");
const pack = JSON.parse(read("public/packs/fluency-core.json"));
const zh = JSON.parse(read("public/packs/fluency-core.zh-CN.json"));
const foundation = pack.tracks.find((t: { id: string }) => t.id === "foundation");
const module = foundation.modules[0];
const unit = module.units[0];
const unitPath = `/learn/${foundation.id}/${module.id}/${unit.id}`;
// The first paragraph of the unit's Markdown: a plain line after its first heading.
const firstParagraph: string = unit.body.split("\n\n").find((block: string) => !block.startsWith("#"));

/**
 * Records, in order, when the app attaches its nodes to <body> ("app") and when prerendered nodes
 * are removed ("pre-removed"), and the page's layout shifts.
 */
async function watchTakeover(page: import("@playwright/test").Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __order: string[]; __shift: number };
    w.__order = [];
    w.__shift = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
        if (!entry.hadRecentInput) w.__shift += entry.value;
      }
    }).observe({ type: "layout-shift", buffered: true });
    new MutationObserver((records) => {
      for (const record of records) {
        for (const n of record.removedNodes) {
          if (n instanceof Element && n.hasAttribute("data-prerendered")) w.__order.push("pre-removed");
        }
        if (record.target !== document.body) continue;
        for (const n of record.addedNodes) {
          if (n instanceof Element && !n.hasAttribute("data-prerendered") && !["SCRIPT", "NOSCRIPT", "TEMPLATE"].includes(n.tagName)) w.__order.push("app");
        }
      }
    }).observe(document, { childList: true, subtree: true });
  });
}

/** Whether the prerendered nodes went before the app attached its own, or after. */
async function takeover(page: import("@playwright/test").Page) {
  const order = await page.evaluate(() => (window as unknown as { __order: string[] }).__order);
  const removed = order.indexOf("pre-removed");
  const app = order.indexOf("app");
  expect(removed, `order: ${order.join(", ")}`).toBeGreaterThanOrEqual(0);
  expect(app, `order: ${order.join(", ")}`).toBeGreaterThanOrEqual(0);
  return removed < app ? "before the app" : "after the app had drawn";
}

test.describe("with no script at all", () => {
  test.use({ javaScriptEnabled: false });

  test("a unit's link shows its title and text from the HTML alone", async ({ page }) => {
    await page.goto(unitPath);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(unit.title);
    await expect(page.getByText(firstParagraph.slice(0, 60))).toBeVisible();
    await expect(page).toHaveTitle(new RegExp(unit.title.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    // The header and the page are there, in the stylesheets' layout.
    await expect(page.locator("header[data-prerendered]")).toBeVisible();
    await expect(page.locator("main[data-prerendered]")).toBeVisible();
  });
});

test("every track's page is prerendered, under the same policy, with no inline style or script", async ({ request }) => {
  const index = await (await request.get("/index.html")).text();
  const policyOf = (html: string) => {
    const tag = /<meta\b[^>]*Content-Security-Policy[^>]*>/i.exec(html)?.[0] ?? "";
    return /\bcontent="([^"]+)"/.exec(tag)?.[1];
  };
  const policy = policyOf(index);
  expect(policy).toBeTruthy();
  for (const track of pack.tracks) {
    const response = await request.get(`/learn/${track.id}`);
    expect(response.status()).toBe(200);
    const html = await response.text();
    expect(html, track.id).toContain("data-prerendered");
    expect(html, track.id).toContain(track.title.replace(/&/g, "&amp;").replace(/</g, "&lt;"));
    expect(policyOf(html), track.id).toBe(policy);
    expect(html, track.id).not.toMatch(/\sstyle=/);
    expect(html.match(/<script\b/g) ?? [], track.id).toHaveLength(1); // the boot script only
  }
  // The module that swaps the snapshot for the app's page comes with prerendered pages only.
  const takeover = /<link rel=modulepreload href=(\/takeover-[0-9a-f]{16}\.js)>/.exec(await (await request.get(`/learn/${foundation.id}`)).text())?.[1];
  expect(takeover).toBeTruthy();
  expect(index).not.toContain("takeover-");
  expect((await request.get(takeover!)).status()).toBe(200);
  // An address that is not a page of the curriculum still gets the app, which routes it.
  const other = await (await request.get(`/learn/${foundation.id}/no-such-module`)).text();
  expect(other).not.toContain("data-prerendered");
});

test("the app takes a prerendered track page over in place: no shift, one page, and it works", async ({ page }) => {
  await watchTakeover(page);
  await page.goto(`/learn/${foundation.id}`);
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(foundation.title);
  expect(await takeover(page)).toBe("after the app had drawn");
  const shift = await page.evaluate(() => (window as unknown as { __shift: number }).__shift);
  expect(shift, "cumulative layout shift").toBeLessThan(0.01);
  await expect(page.locator("main")).toHaveCount(1);
  await expect(page.locator("[inert]")).toHaveCount(0);
  await expectNoAxeViolations(page, "a prerendered track page, taken over");
  // The app's own page: a module link navigates within the app.
  await page.getByRole("link", { name: module.title }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(module.title);
});

test("a prerendered page's language menu names only the snapshot's language until the app takes over", async ({ page, request }) => {
  // In the HTML, as in the app's first frame: the other languages' names (another script) wait in
  // data-name, so the first paint lays out no text the page's font lacks (docs/performance.md).
  const html = await (await request.get(`/learn/${foundation.id}`)).text();
  const options = [...html.matchAll(/<option\b([^>]*)>([^<]*)<\/option>/g)].map(([, attributes, text]) => ({
    value: /\bvalue="([^"]*)"/.exec(attributes)?.[1],
    selected: /\bselected\b/.test(attributes),
    name: /\bdata-name="([^"]*)"/.exec(attributes)?.[1],
    text,
  }));
  expect(options).toEqual([
    { value: "en", selected: true, name: "English", text: "English" },
    { value: "zh-CN", selected: false, name: "简体中文", text: "" },
  ]);
  // Once the app has the page, every language is named and the menu works.
  await page.goto(`/learn/${foundation.id}`);
  await appReady(page);
  const menu = page.locator("#language-select");
  await expect(menu.locator("option")).toHaveText(["English", "简体中文"]);
  await menu.selectOption("zh-CN");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh.tracks.find((t: { id: string }) => t.id === foundation.id).title);
});

test.describe("a reader of another language", () => {
  test.use({ locale: "zh-CN" });

  test("gets the app's drawing in their language, never the English snapshot", async ({ page }) => {
    await watchTakeover(page);
    await page.goto(`/learn/${foundation.id}`);
    await appReady(page);
    const zhFoundation = zh.tracks.find((t: { id: string }) => t.id === "foundation");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(zhFoundation.title);
    expect(await takeover(page)).toBe("before the app");
  });
});

test("someone who has used Fluency in this browser sees their own page, not the first-visit snapshot", async ({ page, context }) => {
  await seedStorage(context, { "fluency.profile": envelope({ display_name: "", role: null, language: "en", theme: "dark" }) });
  await watchTakeover(page);
  await page.goto(unitPath);
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(unit.title);
  expect(await takeover(page)).toBe("before the app");
});
