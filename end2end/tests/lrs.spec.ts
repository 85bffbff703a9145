// Learning records against a real LRS: Ralph, which scripts/test.sh installs from PyPI and starts
// on loopback (fs backend, Basic auth, CORS for this origin). The tests run one after another,
// because one of them stops and restarts Ralph.
import { test, expect, appReady, expectNoAxeViolations } from "./fixtures/app";
import { LearnPage } from "./fixtures/learn_page";
import { ORG, HOME, lrsConfig, deploy, watchLrs, postsPerId, postedAtOnce, RecordsPage, recordsPanel, expectAllSent } from "./fixtures/records";
import { TeamPage, SharePage } from "./fixtures/team_page";
// @ts-ignore: plain ES modules shared with the benchmark
import { statementsOf, queryStatements, postStatements, startRalph, stopRalph, USERS } from "../lib/ralph.mjs";
// @ts-ignore
import { learnerKey } from "../lib/team-reports.mjs";
import { createHash, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "@playwright/test";

test.describe.configure({ mode: "serial" });

type Option = { text: string; correct?: boolean };
type Question = { prompt: string; options: Option[] };
type Unit = { id: string; title: string };
type Module = { id: string; title: string; units: Unit[]; check: { questions: Question[] } };
type Track = { id: string; title: string; modules: Module[]; certification: { assessment_size: number; bank: Question[] } };
const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const track = (id: string): Track => pack.tracks.find((t: Track) => t.id === id);
const foundation = track("foundation");
const frontline = track("frontline");
const first = foundation.modules[0];

/** Fluency's statement id: a version 5 UUID of the learner's key and the record (docs/xapi.md). */
function statementId(did: string, record: string): string {
  const namespace = Buffer.from("3c6f0e5a92414d1b8e375fc219a470d6", "hex");
  const bytes = createHash("sha1").update(Buffer.concat([namespace, Buffer.from(`${did}\n${record}`)])).digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The learner's did:key, from the seed the app keeps in local storage. */
async function didOf(page: Page): Promise<string> {
  const stored = await page.evaluate(() => localStorage.getItem("fluency.issuer-key"));
  const seed = Buffer.from(JSON.parse(stored!).data.seed, "base64url");
  return learnerKey(seed).did;
}

async function completeUnit(page: Page, trackId: string, module: Module, unit: Unit) {
  await page.goto(`/learn/${trackId}/${module.id}/${unit.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(unit.title);
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Completed" })).toBeVisible();
}

async function passCheck(page: Page, trackId: string, module: Module) {
  const byPrompt = new Map(module.check.questions.map((q) => [q.prompt, q]));
  await page.goto(`/learn/${trackId}/${module.id}/check`);
  const learn = new LearnPage(page);
  await learn.answer((prompt) => byPrompt.get(prompt)!.options.filter((o) => o.correct).map((o) => o.text));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
}

const account = (who: string) => `${who}-${randomUUID().slice(0, 8)}`;

/** Console messages a test expects from a refused or unreachable LRS, taken off the error list. */
function dropExpected(errors: string[], pattern: RegExp) {
  const unexpected = errors.filter((e) => !pattern.test(e));
  errors.splice(0, errors.length, ...unexpected);
}

test("without consent nothing is sent: no request reaches the LRS's origin", async ({ context, page }) => {
  await deploy(context, lrsConfig());
  const calls = watchLrs(context);
  await page.goto("/learn");
  await appReady(page);
  await expect(page.getByRole("complementary", { name: "Learning records" })).toContainText(
    `${ORG} asks to receive records of your learning here. Nothing is sent unless you agree.`,
  );
  await completeUnit(page, "foundation", first, first.units[0]);
  await passCheck(page, "foundation", first);

  // Saying no changes nothing either.
  await new RecordsPage(page).open();
  await page.getByRole("button", { name: "Not now" }).click();
  await expect(recordsPanel(page)).toContainText(`You chose not to send learning records to ${ORG}.`);
  await completeUnit(page, "foundation", first, first.units[1]);
  await page.waitForTimeout(1500);
  expect(calls.map((c) => c.url)).toEqual([]);
});

test("after consent, a completed unit and a passed check are in Ralph with the right actor, verb, object and result", async ({ context, page }) => {
  const config = lrsConfig();
  await deploy(context, config);
  const calls = watchLrs(context);
  const name = account("ada");
  await page.goto("/profile");
  await appReady(page);
  await new RecordsPage(page).agree(name, { name: "Ada Lovelace" });
  await completeUnit(page, "foundation", first, first.units[0]);
  await passCheck(page, "foundation", first);
  await expectAllSent(page);

  const held = await statementsOf(HOME, name);
  expect(held).toHaveLength(2);
  const base = `${config.activityBase}/xapi/activities/fluency-core`;
  const did = await didOf(page);
  const unit = held.find((s: any) => s.verb.id === "http://adlnet.gov/expapi/verbs/completed");
  expect(unit.id).toBe(statementId(did, `unit\nfluency-core\n${first.units[0].id}`));
  expect(unit.actor).toEqual({ objectType: "Agent", name: "Ada Lovelace", account: { homePage: HOME, name } });
  expect(unit.object).toEqual({
    objectType: "Activity",
    id: `${base}/${pack.version}/en/unit/${first.units[0].id}`,
    definition: { type: "http://adlnet.gov/expapi/activities/lesson", name: { en: first.units[0].title } },
  });
  expect(unit.result).toEqual({ completion: true });
  expect(unit.context.contextActivities.grouping.map((a: any) => a.id)).toEqual([`${base}/unit/${first.units[0].id}`, base]);
  expect(unit.context.extensions[`${config.activityBase}/xapi/extensions/learner-key`]).toBe(did);

  const check = held.find((s: any) => s.verb.id === "http://adlnet.gov/expapi/verbs/passed");
  const total = first.check.questions.length;
  expect(check.object.id).toBe(`${base}/${pack.version}/en/check/${first.id}`);
  expect(check.result).toEqual({ score: { scaled: 1, raw: total, min: 0, max: total }, success: true, completion: true });
  expect(check.verb.display).toEqual({ "en-US": "passed", "zh-CN": "通过了" });

  // Each statement was posted, with xAPI's version header, and posted again only after a try that
  // failed. A try can fail in the browser's eyes after Ralph has stored the statement: the next page
  // takes over (completeUnit and passCheck navigate) while the answer is being read. The outbox then
  // sends the statement again, or not if the answer was read first; either way Ralph holds it once.
  const ids = held.map((s: any) => s.id).sort();
  const statementPosts = calls.filter((c) => c.method === "POST");
  expect([...new Set(statementPosts.flatMap((c) => c.ids))].sort()).toEqual(ids);
  for (const id of ids) {
    const tries = statementPosts.filter((c) => c.ids.includes(id));
    expect(tries.slice(0, -1).map((c) => c.status)).toEqual(tries.slice(0, -1).map(() => "failed"));
  }
  expect(statementPosts.every((c) => c.version === "1.0.3")).toBe(true);
});

test("stop Ralph, complete a unit, reload, start Ralph: the queued statement arrives once", async ({ context, page, consoleErrors }) => {
  test.setTimeout(90_000);
  await deploy(context, lrsConfig());
  const calls = watchLrs(context);
  const name = account("grace");
  await page.goto("/profile");
  await appReady(page);
  await new RecordsPage(page).agree(name);
  stopRalph();
  try {
    await completeUnit(page, "foundation", first, first.units[0]);
    await page.goto("/profile");
    await expect(recordsPanel(page).getByText("Records waiting to be sent: 1")).toBeVisible();
    await page.reload();
    await appReady(page);
    await expect(recordsPanel(page).getByText("Records waiting to be sent: 1")).toBeVisible();
  } finally {
    startRalph();
  }
  await expect(recordsPanel(page).getByText("Records waiting to be sent: 0")).toBeVisible({ timeout: 45_000 });
  const held = await statementsOf(HOME, name);
  expect(held).toHaveLength(1);
  expect(postsPerId(calls)).toEqual(new Map([[held[0].id, 1]]));
  // Attempts made while Ralph was down carried only that statement, and never reached it.
  const failed = calls.filter((c) => c.status === "failed");
  expect(failed.length).toBeGreaterThan(0);
  expect(failed.every((c) => c.ids.length === 1 && c.ids[0] === held[0].id)).toBe(true);
  dropExpected(consoleErrors, /ERR_CONNECTION_REFUSED|Failed to fetch/);
});

test("offline, then online: the queued statement arrives once", async ({ context, page }) => {
  await deploy(context, lrsConfig());
  const calls = watchLrs(context);
  const name = account("alan");
  await page.goto("/profile");
  await appReady(page);
  await new RecordsPage(page).agree(name);
  await page.goto(`/learn/foundation/${first.id}/${first.units[0].id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(first.units[0].title);
  // The page fetches the other tracks after it renders (recall reads the whole pack); let them
  // arrive first, as a service worker's cache would serve them offline (this spec blocks workers).
  await page.waitForLoadState("networkidle");
  await context.setOffline(true);
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Completed" })).toBeVisible();
  // Queued statements in the stored outbox; -1 until the outbox is first written.
  const queued = () =>
    page.evaluate(() => {
      const stored = localStorage.getItem("fluency.xapi-outbox");
      return stored === null ? -1 : Object.keys(JSON.parse(stored).data.queued).length;
    });
  await expect.poll(queued).toBe(1);
  await page.waitForTimeout(1000);
  expect(calls, "nothing is tried while offline").toEqual([]);
  await context.setOffline(false);
  await expect.poll(queued, { timeout: 15_000 }).toBe(0);
  const held = await statementsOf(HOME, name);
  expect(held).toHaveLength(1);
  expect(postsPerId(calls)).toEqual(new Map([[held[0].id, 1]]));
});

test("wrong credentials: a clear message, and nothing is lost", async ({ context, page, consoleErrors }) => {
  const config = lrsConfig({ password: "not-the-password" });
  await deploy(context, config);
  const name = account("katherine");
  await page.goto("/profile");
  await appReady(page);
  await new RecordsPage(page).agree(name);
  await completeUnit(page, "foundation", first, first.units[0]);
  await page.goto("/profile");
  await expect(recordsPanel(page).getByRole("alert")).toHaveText(
    "Learning records are not being sent: the learning record store refused this site's credentials (HTTP 401: Invalid authentication credentials). Your records are kept on this device; please tell the site's administrator.",
  );
  await expect(recordsPanel(page).getByText("Records waiting to be sent: 1")).toBeVisible();
  await expectNoAxeViolations(page, "Profile with a refused record");

  // The administrator fixes the configuration: the record that waited arrives.
  await deploy(context, { ...config, lrs: { ...config.lrs, password: USERS.learner.password } });
  await page.reload();
  await appReady(page);
  await expect(recordsPanel(page).getByText("Records waiting to be sent: 0")).toBeVisible({ timeout: 20_000 });
  expect(await statementsOf(HOME, name)).toHaveLength(1);
  dropExpected(consoleErrors, /401 \(Unauthorized\)/);
});

test("a policy that does not allow the LRS is said plainly, before and after agreeing", async ({ context, page, consoleErrors }) => {
  await deploy(context, lrsConfig({ endpoint: "http://127.0.0.1:9/xAPI/" }));
  const records = new RecordsPage(page);
  await page.goto("/profile");
  await appReady(page);
  await records.open();
  const warning = "This site's security policy does not allow connections to http://127.0.0.1:9, so no learning records can be sent.";
  await expect(page.getByRole("alert").filter({ hasText: warning })).toBeVisible();
  await records.agree(account("hedy"));
  await completeUnit(page, "foundation", first, first.units[0]);
  await page.goto("/profile");
  await expect(recordsPanel(page).getByRole("alert").filter({ hasText: "this site's security policy blocks connections to http://127.0.0.1:9" })).toBeVisible();
  await expect(recordsPanel(page).getByText("Records waiting to be sent: 1")).toBeVisible();
  dropExpected(consoleErrors, /Content Security Policy|Failed to fetch/);
});

test("two tabs never post a statement twice, a resend is no duplicate, and a 409 counts as delivered", async ({ context, page, consoleErrors }) => {
  test.setTimeout(90_000);
  const config = lrsConfig();
  await deploy(context, config);
  const calls = watchLrs(context);
  const name = account("barbara");
  await page.goto("/profile");
  await appReady(page);
  await new RecordsPage(page).agree(name);
  // Both tabs open on a unit, both mark it complete at once: each tab queues both statements
  // (progress reaches the other tab through storage), and one of them sends.
  const other = await context.newPage();
  const open = async (tab: Page, unit: Unit) => {
    await tab.goto(`/learn/foundation/${first.id}/${unit.id}`);
    await expect(tab.getByRole("heading", { level: 1 })).toHaveText(unit.title);
  };
  await open(page, first.units[0]);
  await open(other, first.units[1]);
  const from = calls.length;
  await Promise.all([page, other].map((tab) => tab.getByRole("button", { name: "Mark as complete" }).click()));
  await expect.poll(async () => (await statementsOf(HOME, name)).length, { timeout: 20_000 }).toBe(2);
  const together = () => calls.slice(from).filter((c) => c.method === "POST");
  await expect.poll(() => [...postsPerId(together()).values()]).toEqual([1, 1]);
  expect(new Set(together().map((c) => c.page)).size, "one tab sends for both").toBe(1);

  await passCheck(page, "foundation", first);
  await completeUnit(other, "foundation", first, first.units[2]);
  await expect.poll(async () => (await statementsOf(HOME, name)).length, { timeout: 20_000 }).toBe(4);
  await expect.poll(() => postsPerId(calls).size).toBe(4);
  // No statement was posted by two tabs at once. passCheck and completeUnit navigate, which can cut
  // a page off after Ralph stored a statement but before the page read the answer; the outbox then
  // posts it again, after that try, and Ralph holds it once (checked above).
  expect(postedAtOnce(calls), "no statement was posted twice at once").toEqual([]);
  // The module's remaining units, so that passing its scenario completes the module.
  for (const unit of first.units.slice(3)) await completeUnit(page, "foundation", first, unit);
  const unitsAndCheck = first.units.length + 1;
  await expect.poll(async () => (await statementsOf(HOME, name)).length, { timeout: 20_000 }).toBe(unitsAndCheck);

  // 409: Ralph already holds a different statement under the id of the next record.
  const did = await didOf(page);
  const scenario = (first as any).scenarios[0];
  const taken = statementId(did, `module\nfluency-core\n${first.id}`);
  await postStatements([
    {
      id: taken,
      actor: { objectType: "Agent", mbox: "mailto:someone-else@example.org" },
      verb: { id: "http://adlnet.gov/expapi/verbs/completed", display: { "en-US": "completed" } },
      object: { objectType: "Activity", id: "https://elsewhere.example/course" },
      timestamp: new Date().toISOString(),
    },
  ]);
  // Passing the scenario completes the module: two new statements, the scenario's and the module's.
  await page.goto(`/learn/foundation/${first.id}/scenario/${scenario.id}`);
  const byPrompt = new Map((scenario.questions as Question[]).map((q) => [q.prompt, q]));
  await new LearnPage(page).answer((prompt) => byPrompt.get(prompt)!.options.filter((o) => o.correct).map((o) => o.text));
  await new LearnPage(page).submit();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
  await expectAllSent(page);
  const conflict = calls.filter((c) => c.ids.includes(taken));
  expect(conflict.map((c) => c.status)).toContain(409);
  const stored = await queryStatements({ statementId: taken });
  expect(stored.map((s: any) => s.actor.mbox)).toEqual(["mailto:someone-else@example.org"]);

  // A resend: this browser forgets what was delivered (as after restoring an old copy of its
  // storage) and sends everything again. Ralph keeps one of each. The copy is restored with no
  // page of the app open, as it would be: a running page still knows what it delivered, and
  // writes that back with its next change to the outbox (when it takes over sending from the
  // closed tab, for one), which made this journey flaky.
  await other.close();
  const away = await page.goto("/manifest.webmanifest");
  expect(away?.ok()).toBe(true);
  await page.evaluate(() => {
    const outbox = JSON.parse(localStorage.getItem("fluency.xapi-outbox")!);
    outbox.data.delivered = {};
    localStorage.setItem("fluency.xapi-outbox", JSON.stringify(outbox));
  });
  const before = calls.length;
  await page.goto("/profile");
  await appReady(page);
  // The units, the check, the scenario and the module go again; Ralph accepts identical ones
  // silently and the module's (whose id holds something else) with 409.
  await expect.poll(() => postsPerId(calls.slice(before)).size, { timeout: 20_000 }).toBe(unitsAndCheck + 2);
  await expect(recordsPanel(page).getByText("Records waiting to be sent: 0")).toBeVisible();
  const ids = (await statementsOf(HOME, name)).map((s: any) => s.id);
  expect(ids).toHaveLength(unitsAndCheck + 1);
  expect(new Set(ids).size).toBe(unitsAndCheck + 1);
  dropExpected(consoleErrors, /409 \(Conflict\)/);
});

/** A learner with seeded progress who agrees to send everything, optionally certifies, and shares a report file. */
async function learner(browser: Browser, config: unknown, modules: Module[], name: string, team: string, options: { certify?: boolean; units?: Unit[] } = {}) {
  const context = await browser.newContext({ acceptDownloads: true });
  await deploy(context, config);
  const at = Date.now() - 3_600_000;
  const units: Record<string, number> = {};
  const attempts: Record<string, unknown[]> = {};
  for (const unit of options.units ?? []) units[unit.id] = at;
  for (const module of modules) {
    for (const unit of module.units) units[unit.id] = at;
    attempts[`check:${module.id}`] = [{ id: `seed-${module.id}`, at, correct: 6, total: 6 }];
    for (const scenario of (module as any).scenarios) {
      attempts[`scenario:${scenario.id}`] = [{ id: `seed-${scenario.id}`, at, correct: scenario.questions.length, total: scenario.questions.length }];
    }
  }
  const progress = JSON.stringify({ schema: 1, data: { pack_id: "fluency-core", pack_version: pack.version, units, attempts, position: null, placement: null } });
  await context.addInitScript((value) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("fluency.progress.fluency-core", value);
      sessionStorage.setItem("seeded", "1");
    }
  }, progress);
  const page = await context.newPage();
  await page.goto("/profile");
  await appReady(page);
  await new RecordsPage(page).agree(account(name.split(" ")[0].toLowerCase()), { name, team, earlier: true });
  if (options.certify) await certifyFrontline(page, name);
  await expectAllSent(page);
  const share = new SharePage(page);
  await share.open();
  await share.fill(name, team);
  const file = readFileSync(await share.download());
  await context.close();
  return { name: `${name}.json`, mimeType: "application/json", buffer: file };
}

async function certifyFrontline(page: Page, name: string) {
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
  await expect(page).toHaveURL(/\/certificates\/[0-9a-f-]{36}$/);
}

async function manager(browser: Browser, config: unknown): Promise<[BrowserContext, Page, TeamPage]> {
  const context = await browser.newContext({ acceptDownloads: true });
  await deploy(context, config);
  const page = await context.newPage();
  const team = new TeamPage(page);
  await team.open();
  await appReady(page);
  return [context, page, team];
}

test("the manager loads a team of 3 learners from Ralph and sees the same roster as from their report files", async ({ browser, page, consoleErrors }) => {
  test.setTimeout(240_000);
  const config = lrsConfig();
  // The Foundation modules that Frontline modules name as prerequisites, which its certificate needs too.
  const named = new Set(frontline.modules.flatMap((m: any) => (m.prerequisites ?? []) as string[]));
  const prerequisites = foundation.modules.filter((m: { id: string }) => named.has(m.id));
  expect(prerequisites.length).toBeGreaterThan(0);
  const files = [
    await learner(browser, config, [...prerequisites, ...frontline.modules], "Amara Okafor", "Support", { certify: true }),
    await learner(browser, config, foundation.modules.slice(0, 2), "Ben Müller", "Sales"),
    await learner(browser, config, [], "张伟", "Support", { units: [first.units[0]] }),
  ];

  const [fileContext, , fromFiles] = await manager(browser, config);
  await fromFiles.importFiles(files);
  await expect(fromFiles.summary()).toHaveText("3 added, 0 updated, 0 rejected");
  const fileRows = await fromFiles.rosterCells();
  await fileContext.close();

  // The manager's page (the test's own) loads the same team from Ralph.
  await deploy(page.context(), config);
  const calls = watchLrs(page.context());
  const team = new TeamPage(page);
  await team.open();
  const panel = page.getByRole("region", { name: "Load from the learning record store" });
  await expect(panel).toContainText(`Load your team's records from ${ORG}'s learning record store`);
  // Wrong credentials first: a clear message, the typed values stay, and the roster is untouched.
  await panel.getByLabel("User name").fill(USERS.manager.username);
  await panel.getByLabel("Password").fill("wrong");
  await panel.getByRole("button", { name: "Load records" }).click();
  await expect(panel.getByRole("alert")).toHaveText(
    "The learning record store refused these credentials (HTTP 401): Invalid authentication credentials. Check the user name and password; nothing on this page was changed.",
  );
  await expect(panel.getByLabel("User name")).toHaveValue(USERS.manager.username);
  await panel.getByLabel("Password").fill(USERS.manager.password);
  await panel.getByRole("button", { name: "Load records" }).click();
  const status = panel.getByRole("status");
  await expect(status).toContainText(/about 3 learners/, { timeout: 30_000 });
  await expect(status).toContainText("3 added, 0 updated.");
  const lrsRows = await team.rosterCells();
  // Ralph pages its answers (scripts/test.sh sets 20 statements a page): every `more` link was followed.
  const pages = calls.filter((c) => c.method === "GET" && c.status === 200);
  expect(pages.length).toBeGreaterThan(1);
  expect(pages.slice(1).every((c) => c.url.includes("search_after="))).toBe(true);

  const withoutSource = (rows: string[][]) => rows.map((row) => row.slice(0, -1));
  expect(withoutSource(lrsRows)).toEqual(withoutSource(fileRows));
  expect(lrsRows.length).toBe(3 * pack.tracks.length);
  expect(new Set(fileRows.map((row) => row.at(-1)))).toEqual(new Set(["Report file"]));
  expect(new Set(lrsRows.map((row) => row.at(-1)))).toEqual(new Set(["Record store"]));
  expect(lrsRows.find((row) => row[0] === "Amara Okafor" && row[2] === frontline.title)?.slice(3, 7)).toEqual([
    "100%",
    `${frontline.modules.length}/${frontline.modules.length}`,
    expect.any(String),
    "Valid",
  ]);
  // The credentials stayed in the tab: nothing about them is in storage.
  expect(await page.evaluate(() => localStorage.getItem("fluency.lrs-reader"))).toBeNull();
  dropExpected(consoleErrors, /401 \(Unauthorized\)/);
});

test("consent, Profile and the Team load pass axe in both languages and work from the keyboard", async ({ context, page }) => {
  await deploy(context, lrsConfig());
  const records = new RecordsPage(page);
  await page.goto("/profile");
  await appReady(page);
  await records.open();
  await expectNoAxeViolations(page, "the consent screen");
  // Enter without confirming: the problem is named, focus goes to it, and nothing typed is lost.
  await page.getByLabel(`Your account name at ${ORG}`).fill("ada.lovelace");
  await page.getByLabel("Team (optional)").fill("Support");
  await page.getByLabel("Team (optional)").press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "Confirm that the account name is yours and that you agree." })).toBeVisible();
  await expect(page.getByLabel(/^This account name \(or address\) is mine/)).toBeFocused();
  await expect(page.getByLabel(`Your account name at ${ORG}`)).toHaveValue("ada.lovelace");
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/profile$/);
  await expectNoAxeViolations(page, "Profile with learning records");
  await page.goto("/team");
  await expectNoAxeViolations(page, "the Team page with the LRS load");

  await page.goto("/profile");
  await page.getByLabel("简体中文").check();
  await expect(page.getByRole("region", { name: "学习记录" })).toBeVisible();
  await expectNoAxeViolations(page, "Profile in Chinese");
  await page.goto("/profile/records");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`要与 ${ORG} 共享你的学习记录吗？`);
  await expectNoAxeViolations(page, "the consent screen in Chinese");
  await page.goto("/team");
  await expect(page.getByRole("heading", { name: "从学习记录库加载" })).toBeVisible();
  await expectNoAxeViolations(page, "the Team page in Chinese");
});
