import { test, expect, appReady, seedStorage, envelope, expectNoAxeViolations } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "@playwright/test";

// Keeping the learner's work safe from the browser: the persistence request at a moment the
// learner understands, backup reminders, and the automatic backup file.

const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const module = pack.tracks[0].modules[0];
const [first, second] = module.units;
const unitPath = (unit: { id: string }) => `/learn/${pack.tracks[0].id}/${module.id}/${unit.id}`;
const DAY = 86_400_000;

/**
 * Stands in for the browser's answers about persistent storage: not persistent until asked, and
 * granted when asked (Chromium decides without a prompt, from how the site is used). The answer
 * lasts for the tab, across reloads.
 */
async function stubPersistence(context: BrowserContext) {
  await context.addInitScript(() => {
    navigator.storage.persisted = async () => sessionStorage.getItem("persisted") === "yes";
    navigator.storage.persist = async () => {
      sessionStorage.setItem("persist-asked", String(Number(sessionStorage.getItem("persist-asked") ?? 0) + 1));
      sessionStorage.setItem("persisted", "yes");
      return true;
    };
  });
}

async function completeUnit(page: Page, unit: { id: string; title: string }) {
  await page.goto(unitPath(unit));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(unit.title);
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Completed" })).toBeVisible();
}

test("persistent storage is asked for after the first completed unit, not before, and Profile shows the answer", async ({ page, context }) => {
  await stubPersistence(context);
  const prompt = page.getByRole("status").filter({ hasText: "Keep your progress safe" });

  await page.goto("/profile");
  await appReady(page);
  await expect(page.getByTestId("durability")).toHaveText(/The browser may clear this data when space runs low/);
  await page.goto(unitPath(first));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first.title);
  // Nothing is asked on arrival, however long the learner reads.
  await page.waitForTimeout(1000);
  await expect(prompt).toHaveCount(0);

  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(prompt).toBeVisible();
  await expect(prompt).toHaveText(/let this browser store Fluency's data persistently, so that it is not cleared when space runs low/);
  await expectNoAxeViolations(page, "the persistence prompt");
  await prompt.getByRole("button", { name: "Keep my data" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Done: this browser now stores Fluency's data persistently." })).toBeVisible();
  expect(await page.evaluate(() => sessionStorage.getItem("persist-asked"))).toBe("1");

  // Asked once: the next unit does not ask again.
  await completeUnit(page, second);
  await expect(prompt).toHaveCount(0);

  await page.getByRole("link", { name: "Profile" }).click();
  await expect(page.getByTestId("durability")).toHaveText("Stored persistently: the browser will not clear Fluency's data to free up space.");
  await expect(page.getByText(/^Space used: .+ of .+ available\.$/)).toBeVisible();
  await expectNoAxeViolations(page, "Profile, stored persistently");
});

test("asked from Profile, a refusal is said beside the button, not in a notice out of view", async ({ page, context }) => {
  await context.addInitScript(() => {
    navigator.storage.persisted = async () => false;
    navigator.storage.persist = async () => false;
  });
  await page.goto("/profile");
  await appReady(page);
  const answer = page.getByTestId("persist-answer");
  await expect(answer).toHaveText("");
  await page.getByRole("button", { name: "Ask the browser to keep it" }).click();
  await expect(answer).toHaveText(/^The browser said no\. Browsers decide from how a site is used/);
  await expect(page.getByTestId("durability")).toHaveText(/The browser may clear this data/);
  await expect(page.getByText("The browser did not agree to store the data persistently.", { exact: false })).toHaveCount(0);
  await expectNoAxeViolations(page, "Profile, persistence refused");
});

/** Progress with the first unit completed at `at` (milliseconds). */
function progressAt(at: number) {
  return envelope({
    pack_id: pack.id,
    pack_version: pack.version,
    units: { [first.id]: at },
    attempts: {},
    position: null,
    placement: null,
  });
}

for (const language of ["en", "zh-CN"] as const) {
  test(`a reminder offers a backup of work over a week old that no backup holds, and not after one (${language})`, async ({ page, context }) => {
    const now = new Date("2026-12-20T10:00:00Z").getTime();
    await page.clock.setFixedTime(now);
    await seedStorage(context, {
      "fluency.profile": envelope({ display_name: "", role: "learner", language, theme: "system", path: null }, 2),
      [`fluency.progress.${pack.id}`]: progressAt(now - 19 * DAY),
    });
    await page.goto("/learn");
    await appReady(page);
    const text = language === "en" ? "Some of your work, from 2026-12-01 on, is in no backup file yet." : "你自 2026-12-01 起的部分学习记录还没有保存到任何备份文件中。";
    const reminder = page.getByRole("status").filter({ hasText: text });
    await expect(reminder).toBeVisible();
    await expectNoAxeViolations(page, `the backup reminder (${language})`);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      reminder.getByRole("button", { name: language === "en" ? "Download a backup" : "下载备份" }).click(),
    ]);
    const backup = JSON.parse(readFileSync((await download.path())!, "utf8"));
    expect(backup.kind).toBe("fluency-backup");
    expect(Object.keys(backup.progress[pack.id].units)).toEqual([first.id]);
    await expect(reminder).toHaveCount(0);

    // The backup recorded what it holds: no reminder after a reload.
    await page.reload();
    await appReady(page);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await page.waitForTimeout(500);
    await expect(reminder).toHaveCount(0);
    await page.goto("/profile");
    await expect(page.getByTestId("last-backup")).toHaveText(language === "en" ? "Last backup: 2026-12-20." : "上次备份：2026-12-20。");
  });
}

test("no reminder for recent work, and a dismissed reminder stays away for a week", async ({ page, context }) => {
  const now = new Date("2026-12-20T10:00:00Z").getTime();
  await page.clock.setFixedTime(now);
  await seedStorage(context, { [`fluency.progress.${pack.id}`]: progressAt(now - 3 * DAY) });
  await page.goto("/learn");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForTimeout(500);
  const reminder = page.getByRole("status").filter({ hasText: "is in no backup file yet" });
  await expect(reminder).toHaveCount(0);

  // Eight days later the same work is over a week old.
  await page.clock.setFixedTime(now + 5 * DAY);
  await page.reload();
  await expect(reminder).toBeVisible();
  await reminder.getByRole("button", { name: "Dismiss" }).click();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.waitForTimeout(500);
  await expect(reminder).toHaveCount(0);
});

/**
 * Stands in for the browser's save dialog: the "chosen" file is a real file handle in the origin
 * private file system, which Fluency keeps and writes like any other. With `lapsed`, the browser
 * says the permission to write it must be asked for again, and grants it when asked.
 */
async function stubFilePicker(context: BrowserContext) {
  await context.addInitScript(() => {
    window.showSaveFilePicker = async () =>
      (await navigator.storage.getDirectory()).getFileHandle("fluency-backup.json", { create: true });
    const proto = FileSystemHandle.prototype as unknown as Record<string, unknown>;
    proto.queryPermission = async () => (sessionStorage.getItem("lapsed") === "yes" ? "prompt" : "granted");
    proto.requestPermission = async () => {
      sessionStorage.setItem("lapsed", "no");
      return "granted";
    };
  });
}

/** The backup file's contents; `null` while a write is swapping it in. */
const backupFile = (page: Page) =>
  page.evaluate(async () => {
    try {
      const handle = await (await navigator.storage.getDirectory()).getFileHandle("fluency-backup.json");
      return JSON.parse(await (await handle.getFile()).text());
    } catch {
      return null;
    }
  });

test("the automatic backup file is rewritten after a completion, and a lapsed permission can be granted again", async ({ page, context }) => {
  test.setTimeout(60_000);
  await stubFilePicker(context);
  await page.goto("/profile");
  await appReady(page);
  await expect(page.getByRole("heading", { name: "Automatic backup file" })).toBeVisible();
  await page.getByRole("button", { name: "Choose a backup file" }).click();
  await expect(page.getByText("Fluency rewrites fluency-backup.json after each change.")).toBeVisible();
  await expect(page.getByTestId("auto-file-written")).toBeVisible();
  await expect.poll(async () => (await backupFile(page))?.kind).toBe("fluency-backup");
  await expectNoAxeViolations(page, "Profile with an automatic backup file");

  await completeUnit(page, first);
  await expect.poll(async () => Object.keys((await backupFile(page))?.progress[pack.id]?.units ?? {})).toEqual([first.id]);

  // The next visit: the browser wants to be asked again before Fluency may write.
  await page.evaluate(() => sessionStorage.setItem("lapsed", "yes"));
  await completeUnit(page, second);
  await page.reload();
  await appReady(page);
  const lapsed = page.getByRole("status").filter({ hasText: "Fluency may no longer write to your backup file fluency-backup.json." });
  await expect(lapsed).toBeVisible();
  await expectNoAxeViolations(page, "the lapsed-permission notice");
  await lapsed.getByRole("button", { name: "Allow writing" }).click();
  await expect.poll(async () => Object.keys((await backupFile(page))?.progress[pack.id]?.units ?? {}).sort()).toEqual([first.id, second.id].sort());
});

for (const language of ["en", "zh-CN"] as const) {
  test(`Profile's storage and backup sections read well and pass axe (${language})`, async ({ page, context }) => {
    await seedStorage(context, {
      "fluency.profile": envelope({ display_name: "", role: null, language, theme: "dark" }),
    });
    await page.goto("/profile");
    await appReady(page);
    await expect(page.getByRole("heading", { name: language === "en" ? "Install Fluency" : "安装 Fluency" })).toBeVisible();
    await expect(page.getByText(language === "en" ? /Safari deletes the data of a website you have not used for 7 days/ : /Safari 会删除它的数据/)).toBeVisible();
    await expectNoAxeViolations(page, `Profile (${language})`);
  });
}
