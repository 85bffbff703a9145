import { test, expect, appReady } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Page = import("@playwright/test").Page;

const example = JSON.parse(readFileSync(fileURLToPath(new URL("../../docs/examples/tiny-pack.json", import.meta.url)), "utf8"));
const { vectors } = JSON.parse(readFileSync(fileURLToPath(new URL("../fixtures/xss-vectors.json", import.meta.url)), "utf8")) as { vectors: string[] };

/** The tiny example pack with one unit per vector: the vector is the unit's title and its body. */
function hostilePack(list: string[], id: string) {
  const pack = structuredClone(example);
  pack.id = id;
  pack.title = `Hostile ${list.length} <script>alert('title')</script>`;
  const module = pack.tracks[0].modules[0];
  const template = module.units[0];
  module.units = list.map((v, i) => ({ ...template, id: `hostile-${i + 1}`, title: `${i + 1}: ${v}`.slice(0, 150), body: `Vector ${i + 1}\n\n${v}\n\n- a\n  - b\n    - c` }));
  module.check.questions[0].prompt = list[0];
  module.check.questions[0].options[0].feedback = list[2];
  module.scenarios[0].situation = list.join("\n\n");
  // A very long line and deep nesting as well.
  module.units.push({ ...template, id: "hostile-long", title: "Long line", body: "x".repeat(60_000) });
  module.units.push({ ...template, id: "hostile-deep", title: "Deep list", body: Array.from({ length: 120 }, (_, i) => "  ".repeat(i) + "- level").join("\n") });
  return JSON.stringify(pack);
}

async function expectInert(page: Page, dialogs: number[]) {
  const html = page.locator("main");
  expect(await page.locator("script:not([src])").count(), "inline scripts").toBe(0);
  const active = await html.locator("iframe, object, embed, img, svg:not(.icon), form:not(.quiz):not(.translate-start), base, meta, link, style, input[autofocus]").evaluateAll((els) => els.map((e) => e.outerHTML.slice(0, 120)));
  expect(active, "active elements").toEqual([]);
  const bad = await page.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll("main *"))) {
      for (const attr of Array.from(el.attributes)) {
        const value = attr.value.trim().toLowerCase();
        if (attr.name.startsWith("on")) found.push(`${el.tagName} ${attr.name}`);
        if ((attr.name === "href" || attr.name === "src") && /^(javascript|data|vbscript):/.test(value.replace(/\s/g, ""))) found.push(`${el.tagName} ${attr.name}=${value}`);
      }
    }
    return found;
  });
  expect(bad, "event handlers or dangerous URLs in the DOM").toEqual([]);
  expect(dialogs[0], "dialogs opened").toBe(0);
}

test(`a pack with ${vectors.length} XSS vectors renders inert in the editor and in learner preview`, async ({ page }) => {
  test.setTimeout(120_000);
  expect(vectors.length).toBeGreaterThanOrEqual(30);
  const dialogs = [0];
  page.on("dialog", (d) => { dialogs[0] += 1; void d.dismiss(); });
  await page.goto("/studio");
  await appReady(page);
  await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name: "hostile.json", mimeType: "application/json", buffer: Buffer.from(hostilePack(vectors, "hostile-pack")) });
  await expect(page.getByText(/errors must be fixed before this pack can be used/)).toBeVisible();
  await page.getByRole("button", { name: "Import as a draft" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Editing: Hostile/ })).toBeVisible();
  // Export is blocked: the javascript: and data: links are errors.
  await expect(page.getByRole("button", { name: "Download pack file" })).toBeDisabled();
  // The live preview of a few hostile units.
  for (const n of [1, 3, 11, 16, 31]) {
    await page.getByRole("navigation", { name: "Contents" }).getByRole("button", { name: new RegExp(`^Unit ${n}: `) }).click();
    await expect(page.getByTestId("live-preview")).toContainText(`Vector ${n}`);
    await expectInert(page, dialogs);
  }
  await page.getByRole("link", { name: "Preview as learner" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Preview: Hostile/ })).toBeVisible();
  const outline = page.getByRole("navigation", { name: "Pack contents" });
  const count = await outline.getByRole("button").count();
  expect(count).toBe(vectors.length + 2 + 2);
  for (let i = 0; i < count; i++) {
    await outline.getByRole("button").nth(i).click();
    await expectInert(page, dialogs);
  }
  // Whatever was clicked, the page still responds.
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("the learner's open-a-pack refuses a hostile pack with errors, and renders the rest inert", async ({ page }) => {
  test.setTimeout(90_000);
  const dialogs = [0];
  page.on("dialog", (d) => { dialogs[0] += 1; void d.dismiss(); });
  await page.goto("/learn/open");
  await appReady(page);
  await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name: "hostile.json", mimeType: "application/json", buffer: Buffer.from(hostilePack(vectors, "hostile-pack")) });
  await expect(page.getByRole("alert")).toContainText(/errors and cannot be opened/);
  // Without the links the validator rejects, HTML-tag vectors are only warnings: the pack opens.
  const tags = vectors.filter((v) => !/\]\s*[\(\[:]|<[a-z]+:|\]:/i.test(v));
  expect(tags.length).toBeGreaterThan(15);
  await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name: "tags.json", mimeType: "application/json", buffer: Buffer.from(hostilePack(tags, "hostile-tags")) });
  const outline = page.getByRole("navigation", { name: "Pack contents" });
  await expect(outline).toBeVisible();
  const count = await outline.getByRole("button").count();
  for (let i = 0; i < count; i++) {
    await outline.getByRole("button").nth(i).click();
    await expectInert(page, dialogs);
  }
  // Its progress is kept under its own pack id.
  await outline.getByRole("button").first().click();
  await page.getByRole("button", { name: "Mark as complete" }).click();
  expect(await page.evaluate(() => localStorage.getItem("fluency.progress.hostile-tags"))).not.toBeNull();
});

test("an oversized import is refused and the app stays responsive", async ({ page }) => {
  await page.goto("/learn/open");
  await appReady(page);
  await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name: "huge.json", mimeType: "application/json", buffer: Buffer.alloc(10 * 1024 * 1024, 32) });
  await expect(page.getByRole("alert")).toContainText("This file is 10240 KB, over the 4096 KB limit for a pack.");
  await page.getByRole("link", { name: "Studio" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
});

test("a 10 MB body pasted into the editor is not rendered, is reported, and the page stays responsive", async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto("/studio");
  await appReady(page);
  await page.getByRole("button", { name: "New empty pack" }).click();
  for (const name of ["Add track", "Add module", "Add unit"]) await page.getByRole("button", { name }).click();
  const body = page.locator(".studio-detail").getByLabel("Text (Markdown)");
  // As a paste would: one input event with the whole text (typing 10 MB through the driver is too slow).
  const paste = (text: string) =>
    body.evaluate((el: HTMLTextAreaElement, value: string) => {
      el.value = value;
      el.dispatchEvent(new Event("input", { bubbles: true }));
    }, text);
  await body.evaluate((el: HTMLTextAreaElement, n: number) => {
    el.value = ("- " + "a".repeat(97) + "\n").repeat(n);
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, (10 * 1024 * 1024) / 100);
  await expect(page.getByTestId("live-preview")).toContainText("over the size limit");
  await expect(page.getByRole("region", { name: "Validation" })).toContainText(/body is 10240 KB; the limit is 64 KB/);
  // Ten megabytes do not fit in the browser's storage: the editor says so, with the size.
  await expect(page.getByTestId("save-state")).toContainText(/storage is full, so this draft \(\d+ KB\) was not saved/);
  await paste("Short again.");
  await expect(page.getByTestId("live-preview")).toContainText("Short again.");
  await expect(page.getByTestId("save-state")).toHaveText("Saved in this browser");
});
