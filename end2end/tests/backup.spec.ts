import { test, expect, appReady } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const module = pack.tracks[0].modules[0];
const [unitA, unitB, unitC] = module.units;

async function complete(page: import("@playwright/test").Page, unitId: string) {
  await page.goto(`/learn/${pack.tracks[0].id}/${module.id}/${unitId}`);
  await appReady(page);
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Completed" })).toBeVisible();
}

test("a backup exported in one browser merges into another after a preview", async ({ browser }) => {
  const source = await browser.newContext();
  const from = await source.newPage();
  await complete(from, unitA.id);
  await complete(from, unitB.id);
  await from.goto("/profile");
  await appReady(from);
  const downloading = from.waitForEvent("download");
  await from.getByRole("button", { name: "Download a backup" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^fluency-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const file = readFileSync(await download.path());
  const backup = JSON.parse(file.toString());
  expect(backup.kind).toBe("fluency-backup");
  expect(Object.keys(backup.progress["fluency-core"].units).sort()).toEqual([unitA.id, unitB.id].sort());
  await source.close();

  const target = await browser.newContext();
  const to = await target.newPage();
  await complete(to, unitC.id);
  await to.goto("/profile");
  await appReady(to);
  await to.getByLabel("Restore from a backup file").setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: file });
  const preview = to.getByRole("status").filter({ hasText: "Before you import" });
  await expect(preview).toContainText("fluency-core: adds 2 completed units and 0 quiz attempts.");
  await expect(preview).toContainText("Nothing you have now will be removed");
  // Nothing changes until the learner confirms.
  let stored = JSON.parse((await to.evaluate(() => localStorage.getItem("fluency.progress.fluency-core")))!);
  expect(Object.keys(stored.data.units)).toEqual([unitC.id]);
  await preview.getByRole("button", { name: "Import" }).click();
  await expect(to.getByRole("status").filter({ hasText: "Backup imported." })).toBeVisible();
  stored = JSON.parse((await to.evaluate(() => localStorage.getItem("fluency.progress.fluency-core")))!);
  expect(Object.keys(stored.data.units).sort()).toEqual([unitA.id, unitB.id, unitC.id].sort());

  // Importing the same file again has nothing to add.
  await to.getByLabel("Restore from a backup file").setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: file });
  await expect(to.getByText("This backup holds nothing you do not already have.")).toBeVisible();
  await target.close();
});

test("a file that is not a backup is refused with a reason and changes nothing", async ({ page }) => {
  await complete(page, unitA.id);
  await page.goto("/profile");
  await appReady(page);
  const before = await page.evaluate(() => localStorage.getItem("fluency.progress.fluency-core"));
  await page.getByLabel("Restore from a backup file").setInputFiles({
    name: "notes.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify({ hello: "world" })),
  });
  await expect(page.getByRole("alert")).toContainText("This file cannot be imported: this is not a Fluency backup");
  expect(await page.evaluate(() => localStorage.getItem("fluency.progress.fluency-core"))).toBe(before);
});

test("corrupt progress is set aside, explained, and the learner can carry on", async ({ page, context }) => {
  await context.addInitScript(() => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("fluency.progress.fluency-core", "{\"schema\":1,\"data\":{\"units\":");
      sessionStorage.setItem("seeded", "1");
    }
  });
  await page.goto("/learn");
  await appReady(page);
  await expect(page.getByRole("status").filter({ hasText: "fluency.progress.fluency-core" })).toBeVisible();
  const backups = await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("fluency.backup.progress.")));
  expect(backups).toHaveLength(1);
  await complete(page, unitA.id);
  await page.reload();
  await appReady(page);
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("fluency.progress.fluency-core")))!);
  expect(Object.keys(stored.data.units)).toEqual([unitA.id]);
});

test("progress on parts removed from the pack is kept and reported", async ({ page, context }) => {
  const stale = {
    schema: 1,
    data: {
      pack_id: "fluency-core",
      pack_version: "0.9.0",
      units: { [unitA.id]: 1_700_000_000_000, "retired-unit": 1_700_000_000_000 },
      attempts: { "check:retired-module": [{ id: "x", at: 1_700_000_000_000, correct: 5, total: 5 }] },
      position: null,
      placement: null,
    },
  };
  await context.addInitScript((value) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("fluency.progress.fluency-core", value);
      sessionStorage.setItem("seeded", "1");
    }
  }, JSON.stringify(stale));
  await page.goto("/learn");
  await appReady(page);
  await expect(page.getByRole("status").filter({ hasText: "no longer in this version (1 units, 1 quizzes)" })).toBeVisible();
  await page.goto(`/learn/${pack.tracks[0].id}/${module.id}`);
  await expect(page.locator(".unit-list li.done")).toHaveCount(1);
  await complete(page, unitB.id);
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("fluency.progress.fluency-core")))!);
  expect(Object.keys(stored.data.units).sort()).toEqual([unitA.id, unitB.id, "retired-unit"].sort());
  expect(Object.keys(stored.data.attempts)).toEqual(["check:retired-module"]);
});

test("a full storage while learning shows an error and keeps what was saved", async ({ page }) => {
  await complete(page, unitA.id);
  await page.goto(`/learn/${pack.tracks[0].id}/${module.id}/${unitB.id}`);
  await appReady(page);
  await expect(page.getByRole("button", { name: "Mark as complete" })).toBeVisible();
  const before = await page.evaluate(() => localStorage.getItem("fluency.progress.fluency-core"));
  expect(JSON.parse(before!).data.units).toHaveProperty(unitA.id);
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "storage is full" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("fluency.progress.fluency-core"))).toBe(before);
});
