import { test, expect, appReady, seedStorage, envelope } from "./fixtures/app";
import { readFile } from "node:fs/promises";

test("garbage in storage: the app starts, explains, and keeps the original", async ({ page, context }) => {
  const garbage = '{"schema":1,"data":{"display_name":';
  await seedStorage(context, { "fluency.profile": garbage });
  await page.goto("/profile");
  await appReady(page);

  const notice = page.getByRole("status").filter({ hasText: "could not be read" });
  await expect(notice).toBeVisible();
  const backupKey = await page.evaluate(() =>
    Object.keys(localStorage).find((k) => k.startsWith("fluency.backup.profile.")),
  );
  expect(backupKey).toBeTruthy();
  expect(await page.evaluate((k) => localStorage.getItem(k), backupKey!)).toBe(garbage);
  await expect(notice).toContainText(backupKey!);
  await expect(page.getByText(backupKey!, { exact: true })).toBeVisible();

  const downloading = page.waitForEvent("download");
  await notice.getByRole("button", { name: "Download the original" }).click();
  const download = await downloading;
  expect(await readFile(await download.path())).toEqual(Buffer.from(garbage));

  // The app keeps working: a new choice is saved under the real key again.
  await page.getByRole("radio", { name: "I'm learning" }).check();
  await page.reload();
  await appReady(page);
  await expect(page.getByRole("radio", { name: "I'm learning" })).toBeChecked();
  await expect(page.getByRole("status").filter({ hasText: "could not be read" })).toHaveCount(0);
});

test("data from a newer version is refused, explained and left untouched", async ({ page, context }) => {
  const newer = envelope({ display_name: "From the future" }, 42);
  await seedStorage(context, { "fluency.profile": newer });
  await page.goto("/profile");
  await appReady(page);
  await expect(page.getByRole("status").filter({ hasText: "newer version of Fluency" })).toBeVisible();
  await page.getByRole("radio", { name: "I train others" }).check();
  await expect(page.getByRole("alert").filter({ hasText: "not saved" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("fluency.profile"))).toBe(newer);
});

test("storage that throws on access: the app runs in memory with a notice", async ({ page, context }) => {
  await context.addInitScript(() => {
    Object.defineProperty(window, "localStorage", {
      get() {
        throw new DOMException("The operation is insecure.", "SecurityError");
      },
    });
  });
  await page.goto("/profile");
  await appReady(page);
  await expect(page.getByRole("status").filter({ hasText: "blocks local storage" })).toBeVisible();
  await expect(page.getByText("Storage is blocked in this browser")).toBeVisible();
  // Still usable for this tab.
  await page.getByRole("radio", { name: "简体中文" }).check();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("a full storage shows an error and keeps what was saved", async ({ page, context }) => {
  await seedStorage(context, {
    "fluency.profile": envelope({ display_name: "Saved Name", role: "learner", language: "en", theme: "system" }),
  });
  await page.goto("/profile");
  await appReady(page);
  // Simulate a full disk from here on: every write throws the browser's quota error.
  await page.evaluate(() => {
    Storage.prototype.setItem = function () {
      throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };
  });
  await page.getByRole("radio", { name: "I train others" }).check();
  await expect(page.getByRole("alert").filter({ hasText: "storage is full" })).toBeVisible();
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("fluency.profile")))!);
  expect(stored.data.role).toBe("learner");
});
