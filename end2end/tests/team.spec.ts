import { test, expect, appReady, expectNoAxeViolations } from "./fixtures/app";
import { SharePage, TeamPage, parseCsv } from "./fixtures/team_page";
import { readQr } from "./fixtures/qr";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser } from "@playwright/test";

type Option = { id: string; text: string; correct?: boolean };
type Question = { id: string; prompt: string; options: Option[] };
type Module = { id: string; units: { id: string }[]; scenarios: { id: string }[]; prerequisites: string[] };
type Track = { id: string; title: string; modules: Module[]; certification: { assessment_size: number; bank: Question[] } };
const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const track = (id: string): Track => pack.tracks.find((t: Track) => t.id === id);
const frontline = track("frontline");
const foundation = track("foundation");
const allModules: Module[] = pack.tracks.flatMap((t: Track) => t.modules);

/** The modules plus every module they build on, transitively: what a certificate requires. */
function withPrerequisites(modules: Module[]): Module[] {
  const out = new Map<string, Module>();
  const visit = (module: Module) => {
    if (out.has(module.id)) return;
    out.set(module.id, module);
    for (const id of module.prerequisites) visit(allModules.find((m) => m.id === id)!);
  };
  modules.forEach(visit);
  return [...out.values()];
}
/** A track's completion items: units, the check and each scenario. */
const items = (modules: Module[]) => modules.reduce((n, m) => n + m.units.length + 1 + m.scenarios.length, 0);

/** When the seeded progress happened: an hour ago. Expected dates derive from it, so a run near midnight (UTC) still agrees. */
const seededAt = Date.now() - 3_600_000;
/** The day of a timestamp as the roster shows it (UTC, ISO 8601). */
const isoDay = (millis: number) => new Date(millis).toISOString().slice(0, 10);

/** Stored progress with every unit read and the check and scenarios passed for the given modules. */
function progressWith(modules: Module[]) {
  const units: Record<string, number> = {};
  const attempts: Record<string, unknown[]> = {};
  const at = seededAt;
  for (const module of modules) {
    for (const unit of module.units) units[unit.id] = at;
    attempts[`check:${module.id}`] = [{ id: `seed-${module.id}`, at, correct: 6, total: 6 }];
    for (const scenario of module.scenarios) attempts[`scenario:${scenario.id}`] = [{ id: `seed-${scenario.id}`, at, correct: 5, total: 5 }];
  }
  return JSON.stringify({ schema: 1, data: { pack_id: "fluency-core", pack_version: pack.version, units, attempts, position: null, placement: null } });
}

async function learner(browser: Browser, modules: Module[]) {
  const context = await browser.newContext({ acceptDownloads: true });
  await context.addInitScript((value) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("fluency.progress.fluency-core", value);
      sessionStorage.setItem("seeded", "1");
    }
  }, progressWith(modules));
  return context;
}

/** Passes the frontline final and issues the certificate, as a learner does. */
async function certify(page: import("@playwright/test").Page, name: string) {
  const bank = new Map(frontline.certification.bank.map((q) => [q.prompt, q]));
  await page.goto(`/learn/frontline/final`);
  await appReady(page);
  const questions = page.locator(".question");
  await expect(questions).toHaveCount(frontline.certification.assessment_size);
  for (let i = 0; i < (await questions.count()); i++) {
    const question = questions.nth(i);
    const prompt = (await question.locator(".prompt").innerText()).trim();
    for (const option of bank.get(prompt)!.options.filter((o) => o.correct)) {
      await question.getByLabel(option.text, { exact: true }).check();
    }
  }
  await page.getByRole("button", { name: "Check my answers" }).click();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
  await page.goto(`/learn/frontline/certify`);
  await appReady(page);
  await page.getByLabel("Your full name").fill(name);
  await page.getByLabel(/I completed this track myself/).check();
  await page.getByRole("button", { name: "Issue my certificate" }).click();
  await expect(page).toHaveURL(/\/certificates\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
}

/** Shares a report; `days` are the possible days of the learner's last activity (the final spans a moment that may cross midnight). */
async function share(browser: Browser, modules: Module[], name: string, team: string, certified = false) {
  const context = await learner(browser, modules);
  const page = await context.newPage();
  await page.goto("/");
  await appReady(page);
  const before = isoDay(Date.now());
  if (certified) await certify(page, name);
  const days = certified ? [...new Set([before, isoDay(Date.now())])] : [isoDay(seededAt)];
  const sharePage = new SharePage(page);
  await sharePage.open();
  await sharePage.fill(name, team);
  await expect(page.getByText(`Certificates: ${certified ? 1 : 0}`)).toBeVisible();
  const path = await sharePage.download();
  const bytes = readFileSync(path);
  await context.close();
  return { bytes, days };
}

test("three learners share signed reports; the manager's dashboard adds them up", async ({ browser, page }) => {
  test.setTimeout(150_000);
  // A Frontline certificate needs the Foundation modules Frontline builds on, too.
  const { bytes: ana, days: anaDays } = await share(browser, withPrerequisites(frontline.modules), "Amara Okafor", "Support", true);
  const { bytes: ben, days: benDays } = await share(browser, foundation.modules.slice(0, 2), "Ben Müller, Jr.", "Sales");
  const { bytes: wei } = await share(browser, [], "张伟", "Support");

  // One report changed after signing: a module marked complete.
  const json = JSON.parse(ben.toString("utf8"));
  json.report.modules.push({ best: 100, completed_at: Date.now(), id: foundation.modules[2].id });
  const tampered = Buffer.from(JSON.stringify(json));

  const team = new TeamPage(page);
  await team.open();
  await appReady(page);
  await expectNoAxeViolations(page, "the empty Team page");
  const file = (name: string, buffer: Buffer) => ({ name, mimeType: "application/json", buffer });
  await team.importFiles([file("ana.json", ana), file("ben.json", ben), file("wei.json", wei), file("ben-edited.json", tampered)]);
  await expect(team.summary()).toHaveText("3 added, 0 updated, 1 rejected");
  await expect(team.results().filter({ hasText: "ben-edited.json" })).toContainText("Rejected: tampered");

  // The same file again is a duplicate.
  await team.importFiles([file("wei-again.json", wei)]);
  await expect(team.results().filter({ hasText: "wei-again.json" })).toContainText("Rejected: duplicate");

  await expect(page.getByText("12 rows match")).toBeVisible();
  // Every column, down to the row's actions, fits a desktop window without a sideways scroll.
  expect(page.viewportSize()!.width).toBe(1280);
  expect(await team.roster().evaluate((table) => table.scrollWidth <= table.closest(".table-scroll")!.clientWidth)).toBe(true);
  await team.filterTrack(frontline.title);
  await expect(page.getByText("3 rows match")).toBeVisible();
  const cells = await team.rosterCells();
  expect(anaDays).toContain(cells[0][5]);
  expect(benDays).toContain(cells[1][5]);
  expect(cells.map((row) => row.slice(0, 5).concat(row.slice(6)))).toEqual([
    ["Amara Okafor", "Support", frontline.title, "100%", `${frontline.modules.length}/${frontline.modules.length}`, "Valid", "", "Report file"],
    ["Ben Müller, Jr.", "Sales", frontline.title, "0%", `0/${frontline.modules.length}`, "None", "", "Report file"],
    ["张伟", "Support", frontline.title, "0%", `0/${frontline.modules.length}`, "None", "", "Report file"],
  ]);
  expect(cells[2][5]).toBe("Never");
  await team.filterTrack(foundation.title);
  await team.search("ben");
  await expect(team.roster().locator("tbody tr")).toHaveCount(1);
  const [benRow] = await team.rosterCells();
  const benPercent = Math.floor((items(foundation.modules.slice(0, 2)) * 100) / items(foundation.modules));
  expect(benRow.slice(3, 5)).toEqual([`${benPercent}%`, `2/${foundation.modules.length}`]);

  // Per track: certified count and a text alternative for the chart.
  const frontlineChart = page.getByRole("img", { name: `Completion of ${frontline.title}` });
  await expect(frontlineChart).toBeVisible();
  await expect(page.locator(".track-chart").filter({ hasText: frontline.title })).toContainText("1 certified");
  await expect(page.locator(`.track-chart svg desc`).nth(pack.tracks.indexOf(pack.tracks.find((t: Track) => t.id === "frontline")))).toHaveText(
    "Learners by completion: 0%: 2, 1–24%: 0, 25–49%: 0, 50–74%: 0, 75–99%: 0, 100%: 1.",
  );
  // Bottlenecks: the first foundation module was completed by two learners of three (Ben, and
  // Amara, whose Frontline certificate builds on it).
  const firstModule = page.getByRole("table", { name: "Modules" }).locator("tbody tr").first();
  await expect(firstModule).toContainText("66% (2/3)");

  // The CSV holds what the table shows (all rows of the current filter, here none).
  await team.search("");
  await team.filterTrack("All");
  await expect(page.getByText("12 rows match")).toBeVisible();
  const csv = await team.downloadCsv();
  expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = parseCsv(csv.toString("utf8").slice(1));
  expect(parsed[0]).toEqual(["Name", "Team", "Track", "% complete", "Modules done", "Last activity", "Certificate", "Due", "Source"]);
  expect(parsed.slice(1)).toEqual(await team.rosterCells());
  expect(csv.toString("utf8")).toContain('"Ben Müller, Jr."');

  await expectNoAxeViolations(page, "the Team dashboard (light)");
  await page.evaluate(() => {
    localStorage.setItem("fluency.profile", JSON.stringify({ schema: 2, data: { display_name: "", role: "manager", language: "en", theme: "dark", path: null } }));
  });
  await page.reload();
  await appReady(page);
  await expect(page.getByText("12 rows match")).toBeVisible();
  await expectNoAxeViolations(page, "the Team dashboard (dark)");
});

test("due dates, removing one or all with undo, and a shared link", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const context = await learner(browser, foundation.modules.slice(0, 1));
  const learnerPage = await context.newPage();
  // Learners find "Share my progress" on their Learn page.
  await learnerPage.goto("/learn");
  await appReady(learnerPage);
  await learnerPage.getByRole("link", { name: "Share my progress" }).click();
  await expect(learnerPage).toHaveURL(/\/team\/share$/);
  const sharePage = new SharePage(learnerPage);
  await sharePage.open();
  await sharePage.fill("Lena Park", "Ops");
  await expectNoAxeViolations(learnerPage, "the share page");
  await learnerPage.getByRole("button", { name: "Create report link" }).click();
  const link = await learnerPage.getByRole("textbox", { name: "Report link" }).inputValue();
  expect(link).toMatch(/\/team\/import#[A-Za-z0-9_-]+$/);
  expect(await readQr(learnerPage, "QR code of the report link")).toBe(link);
  // On a narrow phone the code stays inside its card.
  await learnerPage.setViewportSize({ width: 360, height: 740 });
  const qr = await learnerPage.getByRole("img", { name: "QR code of the report link" }).boundingBox();
  const card = await learnerPage.locator(".share-qr").boundingBox();
  expect(qr!.x + qr!.width).toBeLessThanOrEqual(card!.x + card!.width + 0.5);
  expect(qr!.x + qr!.width).toBeLessThanOrEqual(360);
  const report = readFileSync(await sharePage.download());
  await learnerPage.evaluate(() => {
    localStorage.setItem("fluency.profile", JSON.stringify({ schema: 2, data: { display_name: "", role: "learner", language: "en", theme: "dark", path: null } }));
  });
  await sharePage.open();
  await expectNoAxeViolations(learnerPage, "the share page (dark)");
  await context.close();

  // Someone else using the same name signs with a different key: imported, with a warning.
  const other = await learner(browser, []);
  const otherPage = await other.newPage();
  await otherPage.goto("/");
  await appReady(otherPage);
  const otherShare = new SharePage(otherPage);
  await otherShare.open();
  await otherShare.fill("Lena Park", "Ops");
  const impostor = readFileSync(await otherShare.download());
  await other.close();

  // The link imports on its own when opened.
  await page.goto(link);
  await appReady(page);
  await expect(page.locator(".import-summary")).toHaveText("1 added, 0 updated, 0 rejected");
  const team = new TeamPage(page);
  await team.importFiles([{ name: "lena.json", mimeType: "application/json", buffer: report }]);
  await expect(team.results().first()).toContainText("Updated with a newer report");
  await team.importFiles([{ name: "lena-2.json", mimeType: "application/json", buffer: impostor }]);
  await expect(team.results().first()).toContainText(
    "Warning: the name Lena Park is already known with a different signing key.",
  );
  await page.getByRole("button", { name: "Remove Lena Park" }).last().click();
  await expect(page.getByText("4 rows match")).toBeVisible();

  // A due date in the past makes unfinished tracks overdue.
  await page.getByLabel(`Due date for ${foundation.title}`).fill("2020-01-31");
  await expect(page.locator(".track-chart").filter({ hasText: foundation.title })).toContainText("1 overdue");
  await page.getByLabel("Overdue only").check();
  await expect(page.getByText("1 rows match")).toBeVisible();
  await page.getByLabel("Overdue only").uncheck();

  await page.getByRole("button", { name: "Remove Lena Park" }).first().click();
  await expect(page.getByText("Lena Park was removed.")).toBeVisible();
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("4 rows match")).toBeVisible();

  await page.getByRole("button", { name: "Remove all learners" }).click();
  await expect(page.getByRole("alert")).toContainText("Remove all 1 learners from this device?");
  await page.getByRole("button", { name: "Yes, remove all" }).click();
  await expect(page.getByText("All 1 learners were removed.")).toBeVisible();
  expect(await page.evaluate(() => JSON.parse(localStorage.getItem("fluency.team")!).data.members)).toEqual({});
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(page.getByText("4 rows match")).toBeVisible();
  // The link's fragment was dropped once read, so this reload imports nothing again.
  expect(new URL(page.url()).hash).toBe("");
  await page.reload();
  await appReady(page);
  await expect(page.getByText("4 rows match")).toBeVisible();
  await expect(page.getByLabel(`Due date for ${foundation.title}`)).toHaveValue("2020-01-31");

  // Files dropped on the import area are read like chosen ones.
  const dropped = await page.evaluateHandle(() => {
    const transfer = new DataTransfer();
    transfer.items.add(new File(["hello"], "notes.json", { type: "application/json" }));
    return transfer;
  });
  await page.locator(".drop-zone").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(team.results().filter({ hasText: "notes.json" })).toContainText("Rejected: malformed.");

  await page.setViewportSize({ width: 360, height: 740 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, "horizontal overflow on /team").toBeLessThanOrEqual(0);
});

test("a bundle of reports signed elsewhere imports, and the roster pages through it", async ({ page }) => {
  const { makeReport, signReport, learnerKey } = await import("../lib/team-reports.mjs");
  const { randomBytes } = await import("node:crypto");
  const now = Date.now();
  const bundle = Array.from({ length: 60 }, (_, i) =>
    signReport(makeReport(pack, { name: `Learner ${i}`, team: `Team ${i % 3}`, done: i % 10, producedAt: now - i }), learnerKey(randomBytes(32))),
  );
  const team = new TeamPage(page);
  await team.open();
  await appReady(page);
  await team.importFiles([{ name: "bundle.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(bundle)) }]);
  await expect(team.summary()).toHaveText("60 added, 0 updated, 0 rejected");
  await expect(page.getByText("240 rows match")).toBeVisible();
  await expect(page.getByText("Page 1 of 5")).toBeVisible();
  await expect(team.roster().locator("tbody tr")).toHaveCount(50);
  await page.getByRole("button", { name: "Next page" }).click();
  await expect(page.getByText("Page 2 of 5")).toBeVisible();
  await page.getByLabel("Team", { exact: true }).selectOption("Team 1");
  await expect(page.getByText("80 rows match")).toBeVisible();
  await expect(page.getByText("Page 1 of 2")).toBeVisible();
  // Sorting by % complete, descending: the most advanced learners come first.
  await page.getByRole("button", { name: "% complete" }).click();
  await page.getByRole("button", { name: "% complete" }).click();
  await expect(page.getByRole("columnheader", { name: "% complete" })).toHaveAttribute("aria-sort", "descending");
  const first = await team.rosterCells();
  const percents = first.map((row) => Number(row[3].replace("%", "")));
  expect(percents).toEqual([...percents].sort((a, b) => b - a));
});
