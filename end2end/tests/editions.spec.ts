import { test, expect, appReady, seedStorage, envelope, expectNoAxeViolations } from "./fixtures/app";
import { verifyOpenBadge, schemaErrors } from "./fixtures/open_badges";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";

// Language editions (issue #15): the lessons follow the interface language, progress is shared by
// every edition, pack text is marked with its own language, a certificate earned in Chinese verifies
// in an English browser and says which edition it was earned in, and a trainer keeps a translation in
// step with its source in the Studio.

type Option = { id: string; text: string; correct?: boolean };
type Question = { id: string; prompt: string; options: Option[] };
type Module = { id: string; title: string; units: { id: string; title: string }[]; scenarios: { id: string }[]; prerequisites: string[] };
type Track = { id: string; title: string; modules: Module[]; certification: { assessment_size: number; bank: Question[] } };
type Pack = { version: string; language: string; tracks: Track[] };

const read = (path: string): Pack => JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8"));
const en = read("../../public/packs/fluency-core.json");
const zh = read("../../public/packs/fluency-core.zh-CN.json");
const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/index.json", import.meta.url)), "utf8"));

const track = (pack: Pack, id: string) => pack.tracks.find((t) => t.id === id)!;
const allModules = (pack: Pack) => pack.tracks.flatMap((t) => t.modules);

/** The modules plus every module they build on: what a certificate requires. */
function withPrerequisites(pack: Pack, modules: Module[]): Module[] {
  const out = new Map<string, Module>();
  const visit = (module: Module) => {
    if (out.has(module.id)) return;
    out.set(module.id, module);
    for (const id of module.prerequisites) visit(allModules(pack).find((m) => m.id === id)!);
  };
  modules.forEach(visit);
  return [...out.values()];
}

/** Stored progress with every unit read and each check and scenario passed, an hour ago. */
function progressWith(modules: Module[]) {
  const at = Date.now() - 3_600_000;
  const units: Record<string, number> = {};
  const attempts: Record<string, unknown[]> = {};
  for (const module of modules) {
    for (const unit of module.units) units[unit.id] = at;
    attempts[`check:${module.id}`] = [{ id: `seed-${module.id}`, at, correct: 6, total: 6 }];
    for (const scenario of module.scenarios) attempts[`scenario:${scenario.id}`] = [{ id: `seed-${scenario.id}`, at, correct: 5, total: 5 }];
  }
  return envelope({ pack_id: "fluency-core", pack_version: en.version, units, attempts, position: null, placement: null });
}

/** A prompt as the page shows it: inline Markdown markers are rendered, not shown. */
const shown = (text: string) => text.replace(/\*\*|`/g, "").trim();

async function chooseLanguage(page: Page, tag: string) {
  await page.locator("#language-select").selectOption(tag);
  await expect(page.locator("html")).toHaveAttribute("lang", tag);
}

test("switching to 简体中文 mid-module: the lessons follow, progress stays, and text says its language", async ({ page }) => {
  const foundation = track(en, "foundation");
  const module = foundation.modules[0];
  const zhModule = track(zh, "foundation").modules[0];
  expect(zhModule.id).toBe(module.id);

  await page.goto(`/learn/foundation/${module.id}/${module.units[0].id}`);
  await appReady(page);
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Completed" })).toBeVisible();

  // The switch happens in place: no reload, the same unit now reads in Chinese.
  await chooseLanguage(page, "zh-CN");
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toHaveText(zhModule.units[0].title);
  await expect(title).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("status").filter({ hasText: "已完成" })).toBeVisible();
  await expect(page.locator(".edition-notice")).toHaveCount(0);

  await page.goto(`/learn/foundation/${module.id}`);
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(zhModule.title);
  await expect(page.locator(".unit-list li.done")).toHaveCount(1);
  await expect(page.locator(".unit-list li.done")).toContainText(zhModule.units[0].title);
  await expectNoAxeViolations(page, "module page in Chinese");

  // Back to English: the same progress, English titles.
  await chooseLanguage(page, "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(module.title);
  await expect(page.locator(".unit-list li.done")).toContainText(module.units[0].title);
  const stored = await page.evaluate(() => JSON.parse(localStorage.getItem("fluency.progress.fluency-core")!).data.units);
  expect(Object.keys(stored)).toEqual([module.units[0].id]);
});

test("without a Chinese edition the English lessons say so and are marked English inside a Chinese page", async ({ page, context }) => {
  const bare = { ...manifest, packs: manifest.packs.map((p: Record<string, unknown>) => ({ ...p, editions: [] })) };
  await context.route("**/packs/index.json", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify(bare) }));
  await seedStorage(context, { "fluency.profile": envelope({ display_name: "", role: null, language: "zh-CN", theme: "light" }) });
  const module = track(en, "foundation").modules[0];
  await page.goto(`/learn/foundation/${module.id}`);
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator(".edition-notice")).toContainText("简体中文");
  const title = page.getByRole("heading", { level: 1 });
  await expect(title).toHaveText(module.title);
  await expect(title).toHaveAttribute("lang", "en");
  // Every unit title in the list is English text in a Chinese interface, and marked as such.
  const unitTitles = page.locator(".unit-list [lang='en']");
  await expect(unitTitles).toHaveCount(module.units.length);
  await expectNoAxeViolations(page, "English lessons in the Chinese interface");
});

test("certify in Chinese; the certificate prints, names its edition and verifies in an English browser", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const frontline = track(zh, "frontline");
  const learner = await browser.newContext({ acceptDownloads: true });
  await seedStorage(learner, {
    "fluency.profile": envelope({ display_name: "", role: null, language: "zh-CN", theme: "light" }),
    "fluency.progress.fluency-core": progressWith(withPrerequisites(zh, frontline.modules)),
  });
  const page = await learner.newPage();

  // The final assessment, in Chinese, answered from the Chinese edition's bank.
  const bank = new Map(frontline.certification.bank.map((q) => [shown(q.prompt), q]));
  await page.goto("/learn/frontline/final");
  await appReady(page);
  const questions = page.locator(".question");
  await expect(questions).toHaveCount(frontline.certification.assessment_size);
  for (let i = 0; i < (await questions.count()); i++) {
    const question = questions.nth(i);
    await expect(question.locator(".prompt > bdi")).toHaveAttribute("lang", "zh-CN");
    const q = bank.get((await question.locator(".prompt").innerText()).trim());
    expect(q, "every question on the page is from the Chinese bank").toBeTruthy();
    for (const option of q!.options.filter((o) => o.correct)) await question.getByLabel(shown(option.text), { exact: true }).check();
  }
  await page.getByRole("button", { name: "提交答案" }).click();
  await expect(page.getByRole("heading", { name: "已通过" })).toBeVisible();

  await page.goto("/learn/frontline/certify");
  await appReady(page);
  await page.getByLabel("你的全名（将显示在证书上）").fill("林梅");
  await page.getByLabel(/我本人独立完成了这个学习方向/).check();
  await page.getByRole("button", { name: "颁发我的证书" }).click();
  await expect(page).toHaveURL(/\/certificates\//);
  await expect(page.locator(".track-name")).toHaveText(frontline.title);
  await expect(page.locator(".track-name")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByText("学习和测评语言：简体中文")).toBeVisible();
  await expect(page.locator(".evidence")).toContainText("必修模块");
  await expectNoAxeViolations(page, "certificate in Chinese");
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("fluency.certificates")))!);
  const claims = stored.data.issued[0].claims;
  expect(claims.pack_language).toBe("zh-CN");
  expect(claims.track_title).toBe(frontline.title);

  // It prints on one landscape page with its Chinese text.
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: testInfo.outputPath("certificate-zh-print.png"), fullPage: true });
  const pdf = (await page.pdf({ format: "A4", landscape: true, preferCSSPageSize: true })).toString("latin1");
  expect(pdf.match(/\/Type\s*\/Page\b/g)?.length).toBe(1);
  await page.emulateMedia({ media: "screen" });

  // The Open Badge speaks the edition's language and still verifies.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: /Open Badge 3\.0/ }).click();
  const badge = JSON.parse(readFileSync((await (await download).path())!, "utf8"));
  expect(badge.credentialSubject.achievement.inLanguage).toBe("zh-CN");
  expect(badge.credentialSubject.achievement.name).toBe(frontline.title);
  expect(schemaErrors(badge)).toEqual([]);
  expect((await verifyOpenBadge(badge)).verified).toBe(true);

  const link = await page.locator("#verify-link").inputValue();
  await learner.close();

  // A colleague's English browser, with nothing stored, knows the Chinese edition from the history.
  const verifier = await browser.newContext({ locale: "en-GB" });
  const check = await verifier.newPage();
  await check.goto(link);
  await appReady(check);
  await expect(check.locator("html")).toHaveAttribute("lang", "en");
  const verdict = check.getByRole("status").filter({ has: check.getByRole("heading", { level: 2 }) });
  await expect(verdict.getByRole("heading")).toHaveText("Valid");
  await expect(verdict).toContainText(`It names curriculum fluency-core version ${zh.version}, which this copy of Fluency knows.`);
  await expect(verdict).toContainText("It was earned with the 简体中文 edition of the curriculum.");
  await expect(verdict.locator(`bdi[lang="zh-CN"]`)).toHaveText(frontline.title);
  await expectNoAxeViolations(check, "verify page for a Chinese certificate");
  await verifier.close();
});

test("a trainer translates, the source changes, and the Studio shows exactly what to update", async ({ page }) => {
  await page.goto("/studio");
  await appReady(page);
  await page.getByRole("button", { name: "Duplicate to edit" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Editing: Fluency core curriculum/ })).toBeVisible();
  const sourceUrl = page.url();

  // Start the Chinese translation: it starts from the published edition, so nothing needs work.
  await page.getByLabel("Translate into").selectOption("zh-CN");
  await page.getByRole("button", { name: "Start the translation" }).click();
  await expect(page).toHaveURL(/\/studio\/draft\/[^/]+\/translate$/);
  const translateUrl = page.url();
  await expect(page.getByText("Every item is translated from the current source.")).toBeVisible();
  await expectNoAxeViolations(page, "translation view, nothing to do");

  // Change one unit of the English source.
  await page.goto(sourceUrl);
  await appReady(page);
  const unit = en.tracks[0].modules[0].units[0];
  await page.getByRole("navigation", { name: "Contents" }).getByRole("button", { name: /^Unit / }).first().click();
  const body = page.getByLabel("Text (Markdown)");
  await body.click();
  await body.press("End");
  await page.keyboard.type(" One more sentence for the source.");
  await expect(page.getByTestId("save-state")).toHaveText("Saved in this browser");

  // The translation shows that unit, and only it, as changed in the source, with the new source text.
  await page.goto(translateUrl);
  await appReady(page);
  const items = page.locator(".translate-item");
  await expect(items).toHaveCount(1);
  const item = items.first();
  await expect(item).toContainText("Changed in the source");
  await expect(item.locator("h3 bdi")).toHaveText(unit.title);
  await expect(item.locator(".original").filter({ hasText: "One more sentence for the source." })).toHaveAttribute("lang", "en");
  await expectNoAxeViolations(page, "translation view with a changed unit");

  // Update the translation and mark it: nothing left to do, and the edition's text holds the change.
  const field = item.getByLabel("Text (Markdown)");
  await field.click();
  await field.press("End");
  await page.keyboard.type(" 为源文本再加一句。");
  await item.getByRole("button", { name: "Mark as translated" }).click();
  await expect(page.getByText("Every item is translated from the current source.")).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByText("Every item is translated from the current source.")).toBeVisible();
  await page.getByRole("button", { name: "All items" }).click();
  await expect(page.locator(".translate-item").first()).toBeVisible();
});
