import { test, expect, appReady } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const example = readFileSync(fileURLToPath(new URL("../../docs/examples/tiny-pack.json", import.meta.url)), "utf8");

async function choosePack(page: import("@playwright/test").Page, name: string, contents: string | Buffer) {
  await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(contents) });
}

test.beforeEach(async ({ page }) => {
  await page.goto("/studio");
  await appReady(page);
});

test("a valid pack is reported clean, with its content hash", async ({ page }) => {
  await choosePack(page, "tiny.json", example);
  await expect(page.getByText("No problems found. This pack is ready to publish.")).toBeVisible();
  await expect(page.getByText(/Tiny demo pack, version 1\.0\.0: 1 tracks, 1 modules, 1 units\. Content hash sha256:[0-9a-f]{64}\./)).toBeVisible();
});

test("every problem is listed with its location, and hostile text stays text", async ({ page }) => {
  let dialogs = 0;
  page.on("dialog", (d) => { dialogs += 1; void d.dismiss(); });
  const pack = JSON.parse(example);
  const module = pack.tracks[0].modules[0];
  module.units[0].body += "\n\n[click](javascript:alert(1)) <img src=x onerror=alert(2)>";
  for (const option of module.check.questions[2].options) option.correct = false;
  module.id = "<script>alert(3)</script>";
  await choosePack(page, "hostile.json", JSON.stringify(pack));
  await expect(page.getByText(/errors must be fixed before this pack can be used/)).toBeVisible();
  await expect(page.getByText('only http, https and mailto are allowed', { exact: false })).toBeVisible();
  await expect(page.getByText(/question 3: no option is marked correct/)).toBeVisible();
  await expect(page.getByText(/is not a valid id/)).toBeVisible();
  expect(await page.locator("script:not([src])").count()).toBe(0);
  expect(await page.locator(".report img").count()).toBe(0);
  expect(dialogs).toBe(0);
});

test("a file that is not a pack gets a clear message", async ({ page }) => {
  await choosePack(page, "notes.json", "{ this is not json");
  await expect(page.getByRole("alert")).toContainText("This is not a Fluency pack: line 1, column 3");
});

test("an oversized file is refused before it is read", async ({ page }) => {
  await choosePack(page, "huge.json", Buffer.alloc(5 * 1024 * 1024, 32));
  await expect(page.getByRole("alert")).toContainText("This file is 5120 KB, over the 4096 KB limit for a pack.");
});
