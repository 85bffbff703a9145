import { test, expect, appReady, seedStorage, envelope, expectNoAxeViolations } from "./fixtures/app";
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
  await expect(page.getByRole("alert")).toContainText("This file is not valid JSON (line 1, column 3: key must be a string). Check that the whole file was saved or copied.");
});

test("pack refusals say what was found and what to do, never contradicting themselves", async ({ page }) => {
  await choosePack(page, "newer.json", JSON.stringify({ format: 3, id: "x" }));
  await expect(page.getByRole("alert")).toContainText("This pack uses pack format 3, newer than this version of Fluency reads (format 2). Update Fluency, or ask the trainer for a pack in format 2.");
  await expect(page.getByRole("alert")).not.toContainText("not a Fluency pack");
  await choosePack(page, "list.json", "[1, 2]");
  await expect(page.getByRole("alert")).toContainText("This file holds […], not a pack. A pack file is one JSON object that starts with {.");
  await expect(page.getByRole("alert")).not.toContainText("trailing characters");
});

test("an oversized file is refused before it is read", async ({ page }) => {
  await choosePack(page, "huge.json", Buffer.alloc(5 * 1024 * 1024, 32));
  await expect(page.getByRole("alert")).toContainText("This file is 5120 KB, over the 4096 KB limit for a pack.");
});

// ── The editor ────────────────────────────────────────────────────────────────────────────────

type Page = import("@playwright/test").Page;
type Locator = import("@playwright/test").Locator;

async function newDraft(page: Page) {
  await page.getByRole("button", { name: "New empty pack" }).click();
  await expect(page).toHaveURL(/\/studio\/draft\/d[0-9a-f]+$/);
  await expect(page.getByRole("heading", { level: 1, name: /Editing: New pack/ })).toBeVisible();
}

const validation = (page: Page) => page.getByRole("region", { name: "Validation" });
const detail = (page: Page) => page.locator(".studio-detail");
const tree = (page: Page) => page.getByRole("navigation", { name: "Contents" });

async function fillQuestion(group: Locator, prompt: string, options: string[], correct: number | null, objectives: string[] = []) {
  await group.getByLabel("Question", { exact: true }).fill(prompt);
  for (const [i, text] of options.entries()) {
    const option = group.getByRole("group", { name: `Option ${i + 1}` });
    await option.getByLabel("Option text").fill(text);
    await option.getByLabel("Feedback for this option").fill(`Feedback on ${text}.`);
  }
  await group.getByLabel("Explanation").fill(`Why: ${prompt}`);
  if (correct !== null) await group.getByRole("group", { name: `Option ${correct + 1}` }).getByLabel("Correct answer").check();
  await tickObjectives(group, objectives);
}

/** Ticks, in the question's objective picker, the module objectives with these texts. */
async function tickObjectives(group: Locator, objectives: string[]) {
  const picker = group.getByRole("group", { name: "Objectives this question tests" });
  for (const text of objectives) {
    await picker.getByLabel(text, { exact: true }).check();
    await expect(picker.getByLabel(text, { exact: true })).toBeChecked();
  }
}

/** Builds a complete, valid-but-for-two-questions pack from nothing, by the UI. */
async function buildPack(page: Page) {
  const d = detail(page);
  await d.getByLabel("Title", { exact: true }).fill("Safety basics");
  await d.getByLabel("Id", { exact: true }).fill("safety-basics");
  await d.getByLabel("Description").fill("Local examples for our team.");

  await page.getByRole("button", { name: "Add track" }).click();
  await d.getByLabel("Title", { exact: true }).fill("Everyone");
  await d.getByLabel("Summary").fill("What everyone needs.");
  await d.getByLabel("Outcomes").fill("Use AI safely");
  await d.getByRole("button", { name: "Add final-assessment question" }).click();
  const final = d.getByRole("group", { name: "Final-assessment question 1" });
  await fillQuestion(final, "Final: is checking needed?", ["Yes", "No"], 0);
  // No module has objectives yet, and the picker says where to add them.
  await expect(final.getByText(/This module has no learning objectives yet/)).toBeVisible();

  await page.getByRole("button", { name: "Add module" }).click();
  await d.getByLabel("Title", { exact: true }).first().fill("Checking answers");
  await d.getByLabel("Summary").fill("Why and how to check.");
  await d.getByLabel("Learning objectives").fill("Explain why answers can be wrong\nCheck one claim");
  await d.getByRole("button", { name: "Add scenario", exact: true }).click();
  const scenario = d.getByRole("group", { name: "Scenario 1" });
  await scenario.getByLabel("Title", { exact: true }).fill("A confident answer");
  await scenario.getByLabel("Situation (Markdown)").fill("A chatbot gives you a **precise** number.");
  await scenario.getByRole("button", { name: "Add scenario question" }).click();
  await fillQuestion(scenario.getByRole("group", { name: "Scenario question 1" }), "What do you do?", ["Check it", "Use it"], 0, ["Check one claim"]);

  await page.getByRole("button", { name: "Add unit" }).click();
  await d.getByLabel("Title", { exact: true }).fill("Fluent is not right");
  await d.getByLabel("Text (Markdown)").fill("## Why check\n\nModels predict **likely** text.");
  await expect(page.getByTestId("live-preview").getByRole("heading", { name: "Why check" })).toBeVisible();

  await tree(page).getByRole("button", { name: /Module Checking answers/ }).click();
  await page.getByRole("button", { name: "Add question" }).click();
  await fillQuestion(d.getByRole("group", { name: "Knowledge-check question 1" }), "What does a model predict?", ["Likely text", "Facts"], null, ["Explain why answers can be wrong"]);
  await tree(page).getByRole("button", { name: /Module Checking answers/ }).click();
  await page.getByRole("button", { name: "Add question" }).click();
  await fillQuestion(d.getByRole("group", { name: "Knowledge-check question 2" }), "Is fluent text always right?", ["No", "Yes"], null, ["Explain why answers can be wrong", "Check one claim"]);
  // The final question, written before the module had objectives, can now name one of them.
  await tree(page).getByRole("button", { name: "Track Everyone" }).click();
  await tickObjectives(d.getByRole("group", { name: "Final-assessment question 1" }), ["Check one claim"]);
}

test("a pack made from scratch validates, exports, imports elsewhere and previews as a learner", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await newDraft(page);
  await buildPack(page);
  const panel = validation(page);
  await expect(panel.getByText(/question 1: no option is marked correct/)).toBeVisible();
  await expect(panel.getByText(/question 2: no option is marked correct/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Download pack file" })).toBeDisabled();

  // Clicking a problem selects its question and focuses the field.
  await panel.getByRole("button", { name: /question 1: no option is marked correct/ }).click();
  await expect(detail(page).getByRole("group", { name: "Knowledge-check question 1" })).toBeVisible();
  await expect(page.locator("#f-q-0-0-0-options")).toBeFocused();
  await detail(page).getByRole("group", { name: "Option 1" }).getByLabel("Correct answer").check();
  await expect(panel.getByText(/question 1: no option is marked correct/)).toHaveCount(0);
  await expect(panel.getByText(/question 2: no option is marked correct/)).toBeVisible();
  await tree(page).getByRole("button", { name: /Question Is fluent text always right/ }).click();
  await detail(page).getByRole("group", { name: "Option 1" }).getByLabel("Correct answer").check();
  await expect(panel.getByText(/no option is marked correct/)).toHaveCount(0);
  await expect(panel.getByText(/^0 errors/)).toBeVisible();
  await expect(page.getByTestId("save-state")).toHaveText("Saved in this browser");

  await expect(page.getByTestId("content-hash")).toHaveText(/^sha256:[0-9a-f]{64}$/);
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download pack file" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("safety-basics-0.1.0.json");
  const path = await file.path();
  const exported = readFileSync(path!, "utf8");

  // A fresh browser context: nothing shared with the first.
  const other = await browser.newContext();
  const fresh = await other.newPage();
  await fresh.goto("/studio");
  await appReady(fresh);
  await choosePack(fresh, "safety-basics-0.1.0.json", exported);
  // The check is short, and so is the scenario, whose pass mark then means little.
  await expect(fresh.getByText("2 warnings are worth a look.")).toBeVisible();
  await expect(fresh.getByText(/errors must be fixed/)).toHaveCount(0);
  await fresh.getByRole("button", { name: "Import as a draft" }).click();
  await expect(fresh.getByRole("heading", { level: 1, name: "Editing: Safety basics" })).toBeVisible();
  await fresh.getByRole("link", { name: "Preview as learner" }).click();
  await expect(fresh.getByRole("heading", { level: 1, name: "Preview: Safety basics" })).toBeVisible();
  await expect(fresh.getByRole("heading", { name: "Fluent is not right" })).toBeVisible();
  await expect(fresh.locator(".prose").getByRole("heading", { name: "Why check" })).toBeVisible();
  await fresh.getByRole("button", { name: "Knowledge check" }).click();
  await expect(fresh.getByText("What does a model predict?")).toBeVisible();
  // The preview's progress is throwaway: nothing is stored for the pack.
  await fresh.getByRole("button", { name: "Fluent is not right" }).click();
  await fresh.getByRole("button", { name: "Mark as complete" }).click();
  expect(await fresh.evaluate(() => localStorage.getItem("fluency.progress.safety-basics"))).toBeNull();
  await other.close();
});

const shipped = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));

test("the item-writing linter flags a length-cued key, and its warning focuses the option", async ({ page }) => {
  await page.getByRole("button", { name: "Duplicate to edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Editing: Fluency core curriculum/ })).toBeVisible();
  const panel = validation(page);
  // The shipped curriculum has no item-writing warnings.
  await expect(panel.getByText(/^0 errors/)).toBeVisible();
  await expect(panel.getByRole("button", { name: /the correct option is/ })).toHaveCount(0);

  const module = shipped.tracks[0].modules[0];
  const question = module.check.questions[0];
  const key = question.options.findIndex((o: { correct?: boolean }) => o.correct);
  await tree(page).getByRole("button", { name: new RegExp(`^Module ${module.title}`) }).click();
  await tree(page).getByRole("button", { name: /^Question / }).first().click();
  const option = detail(page).getByRole("group", { name: `Option ${key + 1}` });
  // Twice as long as the longest distractor: the cue the linter exists to catch.
  const longest = Math.max(...question.options.filter((o: { correct?: boolean }) => !o.correct).map((o: { text: string }) => o.text.length));
  const sentence = "The answer spelled out at great length, with every qualification a careful writer adds. ";
  await option.getByLabel("Option text").fill(sentence.repeat(Math.ceil((2 * longest) / sentence.length)).trim());
  const warning = panel.getByRole("button", {
    name: new RegExp(`question 1 › option ${key + 1}: the correct option is \\d+ characters long and the longest distractor \\d+: a conspicuously long key gives the answer away`),
  });
  await expect(warning).toBeVisible();
  // At the top of the page (filling the field scrolled the form under the sticky header).
  await page.evaluate(() => window.scrollTo(0, 0));
  await expectNoAxeViolations(page, "Studio with a linter warning");
  // Move away, then follow the warning back to the field it is about.
  await tree(page).getByRole("button", { name: /^Unit / }).first().click();
  await warning.click();
  await expect(page.locator(`#f-q-0-0-0-o${key + 1}-text`)).toBeFocused();
});

test("a reload in the middle of typing loses nothing", async ({ page }) => {
  await newDraft(page);
  await page.getByRole("button", { name: "Add track" }).click();
  await page.getByRole("button", { name: "Add module" }).click();
  await page.getByRole("button", { name: "Add unit" }).click();
  const body = detail(page).getByLabel("Text (Markdown)");
  await body.click();
  await page.keyboard.type("Every word I type is kept", { delay: 15 });
  await page.reload();
  await appReady(page);
  await tree(page).getByRole("button", { name: /Unit New unit/ }).click();
  await expect(detail(page).getByLabel("Text (Markdown)")).toHaveValue("Every word I type is kept");
});

test("on a 360 px screen the validation panel keeps each label whole and long text inside", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await newDraft(page);
  await page.getByRole("button", { name: "Add track" }).click();
  await page.getByRole("button", { name: "Add module" }).click();
  await page.getByRole("button", { name: "Add unit" }).click();
  // A refused link quoted in full: one long word.
  await detail(page).getByLabel("Text (Markdown)").fill(`[open](data:text/html;base64,${"PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg".repeat(4)})`);
  const problems = validation(page).locator(".problem-jump");
  await expect(problems.filter({ hasText: "data:text/html" })).toHaveCount(1);
  const boxes = await problems.evaluateAll((rows) =>
    rows.map((row) => {
      const badge = row.querySelector(".badge")!.getBoundingClientRect();
      const text = row.querySelector(".problem-text")!.getBoundingClientRect();
      const own = row.getBoundingClientRect();
      return { badge: badge.height, fontSize: parseFloat(getComputedStyle(row.querySelector(".badge")!).fontSize), inside: text.right <= own.right + 0.5 };
    }),
  );
  expect(boxes.length).toBeGreaterThan(3);
  for (const box of boxes) {
    // One line of text and its padding; a label broken over two lines is twice that.
    expect(box.badge, "a label on one line").toBeLessThan(box.fontSize * 2.6);
    expect(box.inside, "the text within its row").toBe(true);
  }
});

test("duplicate the shipped pack, change one unit, and compare lists exactly that unit", async ({ page }) => {
  await page.getByRole("button", { name: "Duplicate to edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Editing: Fluency core curriculum/ })).toBeVisible();
  const firstUnit = tree(page).getByRole("button", { name: /^Unit / }).first();
  const unitTitle = (await firstUnit.locator(".tree-title").textContent()) ?? "";
  await firstUnit.click();
  const body = detail(page).getByLabel("Text (Markdown)");
  await body.click();
  await body.press("End");
  await page.keyboard.type(" A local example.");
  await expect(page.getByTestId("live-preview")).toContainText("A local example.");
  await expect(page.getByTestId("save-state")).toHaveText("Saved in this browser");
  await page.getByRole("link", { name: "Compare versions" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Compare: Fluency core curriculum/ })).toBeVisible();
  const rows = page.locator("table.changes tbody tr");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Changed");
  await expect(rows.first()).toContainText(unitTitle);
  await expect(page.getByText(/1 units and questions differ/)).toBeVisible();
});

test("undo and redo tree edits; reorder by keyboard", async ({ page }) => {
  await newDraft(page);
  await page.getByRole("button", { name: "Add track" }).click();
  await page.getByRole("button", { name: "Add module" }).click();
  await page.getByRole("button", { name: "Add unit" }).click();
  await detail(page).getByLabel("Title", { exact: true }).fill("First");
  await tree(page).getByRole("button", { name: /Module New module/ }).click();
  await page.getByRole("button", { name: "Add unit" }).click();
  await detail(page).getByLabel("Title", { exact: true }).fill("Second");
  const units = tree(page).locator(".tree-title");
  await expect(units).toHaveText(["New pack", "New track", "New module", "First", "Second"]);
  // Keyboard only: focus "Move up" and press Enter.
  await page.getByRole("button", { name: "Move up" }).focus();
  await page.keyboard.press("Enter");
  await expect(units).toHaveText(["New pack", "New track", "New module", "Second", "First"]);
  await page.getByRole("button", { name: "Delete" , exact: true }).focus();
  await page.keyboard.press("Enter");
  await expect(units).toHaveText(["New pack", "New track", "New module", "First"]);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(units).toHaveText(["New pack", "New track", "New module", "Second", "First"]);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(units).toHaveText(["New pack", "New track", "New module", "First"]);
});

test("the question editor works by keyboard alone", async ({ page }) => {
  await newDraft(page);
  for (const name of ["Add track", "Add module", "Add question"]) {
    await page.getByRole("button", { name }).focus();
    await page.keyboard.press("Enter");
  }
  const d = detail(page);
  await d.getByLabel("Question", { exact: true }).focus();
  await page.keyboard.type("Pick the safe choice");
  await page.keyboard.press("Tab"); // to option 1 text
  await page.keyboard.type("Check the source");
  await page.keyboard.press("Tab"); // correct checkbox
  await page.keyboard.press("Space");
  await expect(d.getByRole("group", { name: "Option 1" }).getByLabel("Correct answer")).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.type("Right: sources decide.");
  await d.getByLabel("Kind").focus();
  await page.keyboard.press("ArrowDown"); // multiple choice
  await expect(d.getByLabel("Kind")).toHaveValue("multiple");
  await d.getByRole("button", { name: "Add option" }).focus();
  await page.keyboard.press("Enter");
  await expect(d.getByRole("group", { name: "Option 3" })).toBeVisible();
  await d.getByRole("button", { name: "Remove option 3" }).focus();
  await page.keyboard.press("Enter");
  await expect(d.getByRole("group", { name: "Option 3" })).toHaveCount(0);
  await expect(tree(page).getByRole("button", { name: /Question Pick the safe choice/ })).toBeVisible();
});

/** Two tabs on one new draft, both typing a title at once. Whichever saves second is told. */
async function twoTabsTyping(page: Page, context: import("@playwright/test").BrowserContext) {
  await newDraft(page);
  const second = await context.newPage();
  await second.goto(page.url());
  await appReady(second);
  await Promise.all([
    detail(page).getByLabel("Title", { exact: true }).fill("From tab A"),
    detail(second).getByLabel("Title", { exact: true }).fill("From tab B"),
  ]);
  const told = page.getByRole("alert").filter({ hasText: "changed in another tab" });
  const toldSecond = second.getByRole("alert").filter({ hasText: "changed in another tab" });
  await expect.poll(async () => (await told.count()) + (await toldSecond.count())).toBeGreaterThan(0);
  return (await told.count()) > 0
    ? { chooser: page, other: second, mine: "From tab A", theirs: "From tab B" }
    : { chooser: second, other: page, mine: "From tab B", theirs: "From tab A" };
}

test("two tabs on one draft: the tab that would overwrite is told and keeps its version", async ({ page, context }) => {
  const { chooser, other, mine } = await twoTabsTyping(page, context);
  await chooser.getByRole("button", { name: "Keep this tab's version" }).click();
  await expect(chooser.getByTestId("save-state")).toHaveText("Saved in this browser");
  await expect(detail(other).getByLabel("Title", { exact: true })).toHaveValue(mine);
});

for (const theme of ["light", "dark"]) {
  test(`studio pages have no axe violations and fit 360 px (${theme})`, async ({ page, context }) => {
    test.setTimeout(90_000);
    await seedStorage(context, { "fluency.profile": envelope({ display_name: "", role: null, language: "en", theme }) });
    await page.goto("/studio");
    await appReady(page);
    await expectNoAxeViolations(page, `studio home (${theme})`);
    await newDraft(page);
    await page.getByRole("button", { name: "Add placement question" }).click();
    await page.getByRole("group", { name: "Placement question 1" }).getByRole("button", { name: "Add option" }).click();
    await expectNoAxeViolations(page, `editor pack with placement (${theme})`);
    await page.getByRole("button", { name: "Add track" }).click();
    await expectNoAxeViolations(page, `editor track (${theme})`);
    await page.getByRole("button", { name: "Add module" }).click();
    await page.getByRole("button", { name: "Add scenario", exact: true }).click();
    await expectNoAxeViolations(page, `editor module (${theme})`);
    await page.getByRole("button", { name: "Add unit" }).click();
    await detail(page).getByLabel("Text (Markdown)").fill("## Hello\n\n- a list\n\n[link](https://example.org)");
    await expectNoAxeViolations(page, `editor unit (${theme})`);
    await tree(page).getByRole("button", { name: /Module New module/ }).click();
    await page.getByRole("button", { name: "Add question" }).click();
    await expectNoAxeViolations(page, `question editor (${theme})`);
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, "horizontal overflow in the editor").toBeLessThanOrEqual(0);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.getByRole("link", { name: "Compare versions" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expectNoAxeViolations(page, `compare (${theme})`);
    await page.getByRole("link", { name: "Back to the editor" }).click();
    await page.getByRole("link", { name: "Preview as learner" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Preview/ })).toBeVisible();
    await expectNoAxeViolations(page, `preview (${theme})`);
    await page.goto("/learn/open");
    await appReady(page);
    await expectNoAxeViolations(page, `open a pack (${theme})`);
  });
}

test("units reorder by drag and drop as well", async ({ page }) => {
  await newDraft(page);
  await page.getByRole("button", { name: "Add track" }).click();
  await page.getByRole("button", { name: "Add module" }).click();
  await page.getByRole("button", { name: "Add unit" }).click();
  await detail(page).getByLabel("Title", { exact: true }).fill("First");
  await tree(page).getByRole("button", { name: /Module New module/ }).click();
  await page.getByRole("button", { name: "Add unit" }).click();
  await detail(page).getByLabel("Title", { exact: true }).fill("Second");
  const rows = tree(page).locator(".tree-row");
  await rows.filter({ hasText: "Second" }).dragTo(rows.filter({ hasText: "First" }));
  await expect(tree(page).locator(".tree-title")).toHaveText(["New pack", "New track", "New module", "Second", "First"]);
});

test("a full browser storage is reported with the pack's size and advice", async ({ page }) => {
  // Fill this origin's storage until nothing more fits.
  await page.evaluate(() => {
    let chunk = "x".repeat(1024 * 1024);
    let i = 0;
    while (chunk.length >= 1024) {
      try {
        localStorage.setItem(`junk.${i}`, chunk);
        i += 1;
      } catch {
        chunk = chunk.slice(0, chunk.length / 2);
      }
    }
  });
  await page.getByRole("button", { name: "Duplicate to edit" }).click();
  const alert = page.getByRole("alert").filter({ hasText: "this draft needs" });
  await expect(alert).toContainText(/The browser's storage is full: this draft needs \d+ KB\./);
  await expect(alert).toContainText("Delete drafts you no longer need");
  await page.evaluate(() => { for (const key of Object.keys(localStorage)) if (key.startsWith("junk.")) localStorage.removeItem(key); });
});

test("drafts are listed on the Studio home; a deleted one can be brought back with Undo", async ({ page }) => {
  await newDraft(page);
  await detail(page).getByLabel("Title", { exact: true }).fill("Draft to delete");
  await expect(page.getByTestId("save-state")).toHaveText("Saved in this browser");
  await page.getByRole("link", { name: "Back to Studio" }).click();
  const link = page.getByRole("link", { name: "Draft to delete (0.1.0)" });
  await expect(link).toBeVisible();
  const stored = () => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("fluency.draft")).sort());
  const before = await stored();
  expect(before.length).toBeGreaterThan(1);

  // One click deletes; the line it leaves says what went and takes the keyboard's focus to Undo.
  await page.getByRole("button", { name: "Delete draft Draft to delete" }).click();
  await expect(link).toHaveCount(0);
  expect(await stored()).toEqual(["fluency.drafts"]);
  await expect(page.getByRole("status").filter({ hasText: "Draft “Draft to delete” deleted." })).toBeVisible();
  await expect(page.getByRole("button", { name: "Undo" })).toBeFocused();
  await expectNoAxeViolations(page, "Studio home after deleting a draft");

  // Undo puts back the draft as it was, and it opens with its title.
  await page.keyboard.press("Enter");
  await expect(link).toBeFocused();
  await expect(page.getByRole("status").filter({ hasText: "deleted" })).toHaveCount(0);
  expect(await stored()).toEqual(before);
  await page.reload();
  await link.click();
  await expect(detail(page).getByLabel("Title", { exact: true })).toHaveValue("Draft to delete");

  // Deleted again and left alone, it stays deleted.
  await page.getByRole("link", { name: "Back to Studio" }).click();
  await page.getByRole("button", { name: "Delete draft Draft to delete" }).click();
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your drafts" })).toBeVisible();
  await expect(link).toHaveCount(0);
  expect(await stored()).toEqual(["fluency.drafts"]);
});

test("a learner opens a pack listed in the manifest and learns in it", async ({ page }) => {
  await page.goto("/learn");
  await appReady(page);
  await page.getByRole("link", { name: "Open a pack file" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Open a pack" })).toBeVisible();
  await page.getByRole("button", { name: "Open Fluency core curriculum" }).click();
  const outline = page.getByRole("navigation", { name: "Pack contents" });
  await expect(outline).toBeVisible();
  await expect(page.locator(".pack-content article > h2")).toBeVisible();
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("button", { name: "Completed" })).toBeDisabled();
});

test("two tabs: the other tab's version can be loaded instead", async ({ page, context }) => {
  const { chooser, theirs } = await twoTabsTyping(page, context);
  await chooser.getByRole("button", { name: "Load the other tab's version" }).click();
  await expect(detail(chooser).getByLabel("Title", { exact: true })).toHaveValue(theirs);
  await expect(chooser.getByTestId("save-state")).toHaveText("Saved in this browser");
  await chooser.reload();
  await appReady(chooser);
  await expect(detail(chooser).getByLabel("Title", { exact: true })).toHaveValue(theirs);
});
