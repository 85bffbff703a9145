import { test, expect, appReady, expectNoAxeViolations } from "./fixtures/app";
import { LearnPage } from "./fixtures/learn_page";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Option = { id: string; text: string; correct?: boolean; feedback: string };
type Question = { id: string; prompt: string; options: Option[] };
const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const frontline = pack.tracks.find((t: { id: string }) => t.id === "frontline");
const firstModule = frontline.modules[0];
const checkQuestions: Question[] = firstModule.check.questions;

const byPrompt = new Map(checkQuestions.map((q) => [q.prompt, q]));
const rightAnswers = (prompt: string) => byPrompt.get(prompt)!.options.filter((o) => o.correct).map((o) => o.text);
const wrongAnswer = (prompt: string) => [byPrompt.get(prompt)!.options.find((o) => !o.correct)!.text];

test("a frontline learner reads a module, passes its check, and finds it all after a reload", async ({ page }) => {
  test.setTimeout(60_000);
  const learn = new LearnPage(page);
  await page.goto("/learn");
  await appReady(page);
  await page.getByRole("button", { name: "I work with customers, patients, cases or colleagues' requests" }).click();
  await page.getByRole("region", { name: "Your path" }).getByRole("link", { name: frontline.title }).click();
  await page.getByRole("link", { name: firstModule.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(firstModule.title);
  await learn.readAllUnits();
  const lastUnit = firstModule.units[firstModule.units.length - 1];
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(lastUnit.title);

  await learn.openModule("frontline", firstModule.id);
  // Every unit read: the module's button offers to read it again, from the first unit.
  await expect(page.getByRole("link", { name: "Read again" })).toHaveAttribute("href", `/learn/frontline/${firstModule.id}/${firstModule.units[0].id}`);
  // Units, the check and the scenario count one item each.
  const moduleItems = firstModule.units.length + 1 + firstModule.scenarios.length;
  const unitsOnly = Math.floor((firstModule.units.length * 100) / moduleItems);
  await expect(page.getByText(`${unitsOnly}% done`)).toBeVisible();
  await expect(page.getByTestId("still-to-do")).toHaveText("Still to do: the knowledge check to pass, one scenario to pass.");
  await page.getByRole("link", { name: "Take the knowledge check" }).click();
  await expect(page.locator("nav.breadcrumb a")).toHaveText([firstModule.title]);
  await expect(page.locator("nav.breadcrumb [aria-current]")).toHaveCount(0);
  await learn.answer((prompt) => rightAnswers(prompt));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeFocused();
  await expect(page.getByText(`You scored 100% (${checkQuestions.length} of ${checkQuestions.length}).`)).toBeVisible();

  await page.reload();
  await appReady(page);
  await learn.openModule("frontline", firstModule.id);
  // A passed check is not enough: the module needs its scenario passed too.
  const withCheck = Math.floor(((firstModule.units.length + 1) * 100) / moduleItems);
  await expect(page.getByText(`${withCheck}% done`)).toBeVisible();
  await expect(page.getByTestId("still-to-do")).toHaveText("Still to do: one scenario to pass.");
  await expect(page.getByText("Best score: 100%")).toBeVisible();
  await expect(page.locator(".unit-list li.done")).toHaveCount(firstModule.units.length);
  await page.goto("/learn/frontline");
  await expect(page.locator(".module-row").first().getByText("Module complete")).toHaveCount(0);

  const scenario = firstModule.scenarios[0];
  await page.goto(`/learn/frontline/${firstModule.id}/scenario/${scenario.id}`);
  const byScenarioPrompt = new Map<string, Question>(scenario.questions.map((q: Question) => [q.prompt, q]));
  await learn.answer((prompt) => byScenarioPrompt.get(prompt)!.options.filter((o) => o.correct).map((o) => o.text));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
  await learn.openModule("frontline", firstModule.id);
  await expect(page.getByText("100% done")).toBeVisible();
  await expect(page.getByTestId("still-to-do")).toHaveText("Module complete");

  // Track and catalogue percentages: units, the check and each scenario count one item each.
  const items = frontline.modules.reduce(
    (n: number, m: { units: unknown[]; scenarios: unknown[] }) => n + m.units.length + 1 + m.scenarios.length,
    0,
  );
  const expected = Math.floor((moduleItems * 100) / items);
  await page.goto("/learn/frontline");
  await expect(page.locator(".module-row").first().getByText("Module complete")).toBeVisible();
  await page.goto("/learn");
  const card = page.locator(".track-card").filter({ hasText: frontline.title });
  await expect(card.getByText(`${expected}% done`)).toBeVisible();
  const path = page.getByRole("region", { name: "Your path" });
  await expect(path.locator(".path-card").filter({ hasText: frontline.title }).getByText(`${expected}% done`)).toBeVisible();
  await expect(path.getByText(`Completed “${lastUnit.title}”`)).toBeVisible();
  await expect(path.locator(".stat").filter({ hasText: "Days in a row" }).locator("dd")).toHaveText("1");

  // "Continue" picks up after the last unit read: that one is complete, so the next unit that is not.
  const nextModule = frontline.modules[1];
  const nextUnit = nextModule.units[0];
  const resume = page.locator(".continue-card a");
  await expect(resume).toHaveText(nextUnit.title);
  await resume.click();
  await expect(page).toHaveURL(new RegExp(`/learn/frontline/${nextModule.id}/${nextUnit.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(nextUnit.title);
  // Left unfinished, that unit is where "continue" returns, at the reader's place in it.
  await page.goto("/learn");
  await appReady(page);
  await expect(resume).toHaveText(nextUnit.title);
  await resume.click();
  await expect(page).toHaveURL(new RegExp(`/learn/frontline/${nextModule.id}/${nextUnit.id}\\?resume=1$`));
  await expect(page.getByRole("button", { name: "Mark as complete" })).toBeVisible();
});

test("marking a unit complete from the keyboard keeps the keyboard's place on the page", async ({ page }) => {
  const unit = firstModule.units[0];
  await page.goto(`/learn/frontline/${firstModule.id}/${unit.id}`);
  await appReady(page);
  await page.getByRole("button", { name: "Mark as complete" }).focus();
  await page.keyboard.press("Space");
  // The button gives way to the line saying so, which takes the focus it had.
  const done = page.getByRole("status").filter({ hasText: "Completed" });
  await expect(done).toBeFocused();
  // The next Tab goes on from there, within the unit, not from the top of the page.
  await page.keyboard.press("Tab");
  expect(await page.evaluate(() => Boolean(document.activeElement?.closest("article.reader")) && document.activeElement !== document.querySelector(".completed"))).toBe(true);
  await expectNoAxeViolations(page, "a unit just marked complete");
  // The breadcrumb's links lead up to the track and the module: neither is the page being read.
  const crumbs = page.locator("nav.breadcrumb a");
  await expect(crumbs).toHaveCount(2);
  await expect(page.locator("nav.breadcrumb [aria-current]")).toHaveCount(0);
  // The module's button now continues with the next unit instead of starting over.
  await page.goto(`/learn/frontline/${firstModule.id}`);
  await expect(page.getByRole("link", { name: "Continue reading" })).toHaveAttribute("href", `/learn/frontline/${firstModule.id}/${firstModule.units[1].id}`);
});

test("a failed check shows feedback for every chosen option; retries are reshuffled; the best score is kept", async ({ page }) => {
  test.setTimeout(60_000);
  const learn = new LearnPage(page);
  await page.goto(`/learn/frontline/${firstModule.id}/check`);
  await appReady(page);
  const firstOrder = await learn.promptOrder();
  const firstOptions = await page.locator(".option label").allInnerTexts();
  await learn.submit();
  await expect(page.getByRole("alert")).toContainText(`Answer every question first: ${checkQuestions.length} still open.`);

  await learn.answer((prompt) => wrongAnswer(prompt));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Not passed yet" })).toBeVisible();
  await expect(page.getByText("You scored 0% (0 of")).toBeVisible();
  for (const question of checkQuestions) {
    const chosen = question.options.find((o) => !o.correct)!;
    const item = page.locator(".question").filter({ hasText: question.prompt });
    const option = item.locator(".option").filter({ hasText: chosen.text });
    await expect(option.getByText("Your answer")).toBeVisible();
    await expect(option.getByText(chosen.feedback)).toBeVisible();
    await expect(item.getByText("Wrong", { exact: true })).toBeVisible();
  }
  await expectNoAxeViolations(page, "a graded knowledge check");

  await page.getByRole("button", { name: "Show only my mistakes" }).click();
  await expect(page.locator(".question")).toHaveCount(checkQuestions.length);

  await page.getByRole("button", { name: /Try again/ }).click();
  const secondOrder = await learn.promptOrder();
  const secondOptions = await page.locator(".option label").allInnerTexts();
  expect(secondOrder.join("|") + secondOptions.join("|")).not.toBe(firstOrder.join("|") + firstOptions.join("|"));
  await expect(page.locator(".option input:checked")).toHaveCount(0);

  await learn.answer((prompt) => rightAnswers(prompt));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
  await page.getByRole("button", { name: /Try again/ }).click();
  await learn.answer((prompt) => wrongAnswer(prompt));
  await learn.submit();
  await expect(page.getByText("Best score: 100% · Attempts: 3")).toBeVisible();

  await page.reload();
  await appReady(page);
  await page.goto(`/learn/frontline/${firstModule.id}`);
  await expect(page.getByText("Best score: 100%")).toBeVisible();
});

test("two tabs completing different units both keep their completions", async ({ context }) => {
  const [first, second] = [await context.newPage(), await context.newPage()];
  const [unitA, unitB] = firstModule.units;
  await first.goto(`/learn/frontline/${firstModule.id}/${unitA.id}`);
  await second.goto(`/learn/frontline/${firstModule.id}/${unitB.id}`);
  await appReady(first);
  await appReady(second);
  await first.getByRole("button", { name: "Mark as complete" }).click();
  await second.getByRole("button", { name: "Mark as complete" }).click();
  for (const page of [second, first]) {
    await page.reload();
    await appReady(page);
    await page.goto(`/learn/frontline/${firstModule.id}`);
    await expect(page.locator(".unit-list li.done")).toHaveCount(2);
  }
  const stored = JSON.parse((await first.evaluate(() => localStorage.getItem("fluency.progress.fluency-core")))!);
  expect(Object.keys(stored.data.units).sort()).toEqual([unitA.id, unitB.id].sort());
  expect(stored.data.pack_version).toBe(pack.version);
});

test("a scenario exercise is set in a workplace and scored like a check", async ({ page }) => {
  const scenario = firstModule.scenarios[0];
  await page.goto(`/learn/frontline/${firstModule.id}`);
  await appReady(page);
  await page.getByRole("link", { name: scenario.title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(scenario.title);
  const learn = new LearnPage(page);
  const byScenarioPrompt = new Map<string, Question>(scenario.questions.map((q: Question) => [q.prompt, q]));
  await learn.answer((prompt) => byScenarioPrompt.get(prompt)!.options.filter((o) => o.correct).map((o) => o.text));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
});

test("a quiz is built once: each pack file is fetched once and a started quiz keeps its order and answers", async ({ page }) => {
  const packRequests: string[] = [];
  page.on("request", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/packs/") && path.endsWith(".json")) packRequests.push(path);
  });
  await page.goto("/learn/foundation/genai-essentials/check");
  await appReady(page);
  const first = page.locator(".question").first();
  await expect(first).toBeVisible();
  // Answer the first question, then wait for anything still in flight (history, other tracks).
  await first.locator("input").first().check();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(500);
  expect(packRequests.length).toBeGreaterThan(0);
  expect(packRequests.filter((p, i) => packRequests.indexOf(p) !== i), "pack files fetched twice").toEqual([]);
  await expect(page.locator(".question").first().locator("input").first()).toBeChecked();
});
