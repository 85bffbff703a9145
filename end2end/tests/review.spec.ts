import { test, expect, appReady, expectNoAxeViolations } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

type Option = { id: string; text: string; correct?: boolean };
type Question = { id: string; prompt: string; options: Option[] };
const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const module = pack.tracks[0].modules[0];
const check: Question[] = module.check.questions;
/** A prompt as the page shows it: inline Markdown markers are rendered, not shown. */
const shown = (prompt: string) => prompt.replace(/\*\*|`/g, "").trim();
const byPrompt = new Map(check.map((q) => [shown(q.prompt), q]));

const DAY = 86_400_000;
const DAY_0 = new Date("2026-12-01T09:00:00Z").getTime();

/** Passes the first Foundation module's knowledge check with every answer right. */
async function passCheck(page: Page) {
  await page.goto(`/learn/${pack.tracks[0].id}/${module.id}/check`);
  await appReady(page);
  const questions = page.locator(".question");
  await expect(questions.first()).toBeVisible();
  for (let i = 0; i < (await questions.count()); i++) {
    const question = questions.nth(i);
    const q = byPrompt.get((await question.locator(".prompt").innerText()).trim())!;
    for (const option of q.options.filter((o) => o.correct)) await question.getByLabel(option.text, { exact: true }).check();
  }
  await page.getByRole("button", { name: "Check my answers" }).click();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
}

/** Answers the card on screen, right or wrong, and returns the date it comes back. */
async function answerCard(page: Page, right: boolean): Promise<string> {
  const card = page.locator("form.review-card");
  const prompt = (await card.locator(".prompt").innerText()).trim();
  const q = byPrompt.get(prompt)!;
  const choices = right ? q.options.filter((o) => o.correct) : [q.options.find((o) => !o.correct)!];
  for (const option of choices) await card.getByLabel(option.text, { exact: true }).check();
  await card.getByRole("button", { name: "Check my answer" }).click();
  const next = card.getByTestId("next-due");
  await expect(next).toBeVisible();
  return ((await next.innerText()).match(/\d{4}-\d{2}-\d{2}/) ?? [""])[0];
}

const storedLog = (page: Page) =>
  page.evaluate(() => JSON.parse(localStorage.getItem("fluency.reviews.fluency-core") ?? "null")?.data?.reviews ?? []);

test("a passed check becomes cards due later; a right answer pushes its card further than a wrong one", async ({ page }) => {
  await page.clock.install({ time: DAY_0 });
  await page.goto("/learn/review");
  await appReady(page);
  await expect(page.getByText(/Nothing to review yet/)).toBeVisible();

  await passCheck(page);
  await page.goto("/learn/review");
  await appReady(page);
  const stat = (name: string) => page.locator(".stats .stat").filter({ hasText: name }).locator("dd");
  await expect(stat("Learned")).toHaveText(String(check.length));
  await expect(stat("Due today")).toHaveText("0");
  await expect(page.getByText("You have reviewed everything due today.")).toBeVisible();
  // The next 14 days hold the cards: none today, all of them later.
  const days = page.locator(".review-calendar .day-count");
  await expect(days).toHaveCount(14);
  expect(Number(await days.first().innerText())).toBe(0);
  await expect(page.locator("#reviews-due-heading")).toHaveCount(0);
  await expectNoAxeViolations(page, "review page with nothing due");

  // A month later every card is due; the dashboard says so and links here.
  await page.clock.setSystemTime(DAY_0 + 30 * DAY);
  await page.goto("/learn");
  await appReady(page);
  await page.getByRole("button", { name: "I work with customers, patients, cases or colleagues' requests" }).click();
  await expect(page.getByRole("heading", { name: `${check.length} reviews due` })).toBeVisible();
  await page.getByRole("link", { name: "Review now" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Review" })).toBeVisible();
  await expect(stat("Due today")).toHaveText(String(check.length));
  const rightDate = await answerCard(page, true);
  await page.getByRole("button", { name: "Next card" }).click();
  const wrongDate = await answerCard(page, false);
  expect(wrongDate < rightDate, `${wrongDate} before ${rightDate}`).toBe(true);
  await expectNoAxeViolations(page, "review page with feedback");
  const log = await storedLog(page);
  expect(log.map((r: { grade: string }) => r.grade)).toEqual(["good", "again"]);

  // Stopping is fine: what is left stays due after a reload.
  await page.reload();
  await appReady(page);
  await expect(stat("Due today")).toHaveText(String(check.length - 2));
});

test("two tabs reviewing different cards both keep their reviews", async ({ context }) => {
  await context.clock.install({ time: DAY_0 });
  const a = await context.newPage();
  await passCheck(a);
  await context.clock.setSystemTime(DAY_0 + 30 * DAY);
  const b = await context.newPage();
  for (const page of [a, b]) {
    await page.goto("/learn/review");
    await appReady(page);
  }
  await answerCard(a, true);
  // Tab B opened the review before A answered; it moves on to a card A has not reviewed.
  await b.goto("/learn/review");
  await appReady(b);
  const promptA = (await a.locator("form.review-card .prompt").innerText()).trim();
  const promptB = (await b.locator("form.review-card .prompt").innerText()).trim();
  expect(promptB).not.toBe(promptA);
  await answerCard(b, false);
  await a.getByRole("button", { name: "Next card" }).click();
  await answerCard(a, true);
  const cards = new Set((await storedLog(a)).map((r: { card: string }) => r.card));
  expect(cards.size).toBe(3);
  expect((await storedLog(b)).length).toBe(3);
});

test("the review log survives a backup round trip", async ({ page }) => {
  await page.clock.install({ time: DAY_0 });
  await passCheck(page);
  await page.clock.setSystemTime(DAY_0 + 30 * DAY);
  await page.goto("/learn/review");
  await appReady(page);
  await answerCard(page, true);
  await page.goto("/profile");
  await appReady(page);
  const downloading = page.waitForEvent("download");
  await page.locator("#main").getByRole("button", { name: "Download a backup" }).click();
  const file = readFileSync(await (await downloading).path());
  expect(JSON.parse(file.toString()).reviews["fluency-core"].reviews).toHaveLength(1);

  await page.evaluate(() => localStorage.removeItem("fluency.reviews.fluency-core"));
  await page.reload();
  await appReady(page);
  await page.getByLabel("Restore from a backup file").setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: file });
  const preview = page.getByRole("status").filter({ hasText: "Before you import" });
  await expect(preview).toContainText("1 reviews from spaced review");
  await preview.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Backup imported." })).toBeVisible();
  expect(await storedLog(page)).toHaveLength(1);
});

test("the review flow works with the keyboard alone, and the page is accessible in both languages", async ({ page }) => {
  await page.clock.install({ time: DAY_0 });
  await passCheck(page);
  await page.clock.setSystemTime(DAY_0 + 30 * DAY);
  await page.goto("/learn/review");
  await appReady(page);
  const card = page.locator("form.review-card");
  const q = byPrompt.get((await card.locator(".prompt").innerText()).trim())!;
  const key = q.options.find((o) => o.correct)!;
  // Tab to a control, as a keyboard user does.
  const tabTo = async (target: import("@playwright/test").Locator) => {
    for (let i = 0; i < 60 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
      await page.keyboard.press("Tab");
    }
    await expect(target).toBeFocused();
  };
  // Choose the right option with the arrow keys and Space, then check with Enter.
  const target = card.getByLabel(key.text, { exact: true });
  await tabTo(card.locator("input").first());
  for (let i = 0; i < 8 && !(await target.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press(q.options.length > 0 && (await card.locator("input[type=checkbox]").count()) > 1 ? "Tab" : "ArrowDown");
  }
  await expect(target).toBeFocused();
  await page.keyboard.press("Space");
  await expect(target).toBeChecked();
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("next-due")).toBeVisible();
  await tabTo(card.getByRole("button", { name: "Next card" }));
  await page.keyboard.press("Enter");
  await expect(card.getByTestId("next-due")).toHaveCount(0);
  expect(await storedLog(page)).toHaveLength(1);
  await expectNoAxeViolations(page, "review card (en)");

  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "简体中文" });
  await expect(page.getByRole("heading", { level: 1, name: "复习" })).toBeVisible();
  await expectNoAxeViolations(page, "review card (zh-CN)");
  await page.getByRole("button", { name: "切换到深色主题" }).click();
  await expectNoAxeViolations(page, "review card (zh-CN, dark)");
});
