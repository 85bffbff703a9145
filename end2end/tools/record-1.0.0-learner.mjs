// Records what a learner's browser held under curriculum 1.0.0, as written by the release that
// shipped it (commit 210750a): every stored key, the certificate's verify link, and a signed
// progress report. The migration journey (tests/migration.spec.ts) replays it against the current
// release, so the fixture must come from the old app itself, not from hand-written JSON.
//
// Usage (once, from a build of the old release):
//   git worktree add /tmp/v1 210750a && (cd /tmp/v1 && make build)
//   node ../tools/serve-dist.mjs /tmp/v1/dist 8095 &
//   node tools/record-1.0.0-learner.mjs http://127.0.0.1:8095 tests/fixtures/v1.0.0
//
// The learner: chooses the learner role and the Frontline path, completes all five Foundation
// modules (units and checks, as 1.0.0 required), passes the Foundation final, issues a Foundation
// certificate, reads two Frontline units, and downloads a progress report.

import { chromium } from "playwright-core";
import { readFileSync, writeFileSync, mkdirSync, copyFileSync } from "node:fs";
import { join } from "node:path";

const [origin, outDir] = process.argv.slice(2);
if (!origin || !outDir) {
  console.error("usage: record-1.0.0-learner.mjs ORIGIN OUT_DIR");
  process.exit(2);
}
const pack = JSON.parse(readFileSync(new URL("../../tests/fixtures/fluency-core-1.0.0.json", import.meta.url), "utf8"));
const track = (id) => pack.tracks.find((t) => t.id === id);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const context = await browser.newContext({ acceptDownloads: true, baseURL: origin });
const page = await context.newPage();
page.setDefaultTimeout(20_000);
const ready = () => page.getByRole("link", { name: "Fluency" }).first().waitFor();

async function answerAll(questions) {
  const byPrompt = new Map(questions.map((q) => [q.prompt, q]));
  const shown = page.locator(".question");
  await shown.first().waitFor();
  const count = await shown.count();
  for (let i = 0; i < count; i++) {
    const question = shown.nth(i);
    const prompt = (await question.locator(".prompt").innerText()).trim();
    for (const option of byPrompt.get(prompt).options.filter((o) => o.correct)) {
      await question.getByLabel(option.text, { exact: true }).check();
    }
  }
  await page.getByRole("button", { name: "Check my answers" }).click();
  await page.getByRole("heading", { name: "Passed" }).waitFor();
}

async function readUnit(trackId, moduleId, unitId) {
  await page.goto(`/learn/${trackId}/${moduleId}/${unitId}`);
  await ready();
  await page.getByRole("button", { name: "Mark as complete" }).click();
  await page.getByRole("status").filter({ hasText: "Completed" }).waitFor();
}

await page.goto("/");
await ready();
await page.getByRole("button", { name: /I'm learning/ }).click();
await page.goto("/learn");
await ready();
await page.getByRole("button", { name: "I work with customers, patients, cases or colleagues' requests" }).click();
await page.getByRole("region", { name: "Your path" }).waitFor();

const foundation = track("foundation");
for (const module of foundation.modules) {
  for (const unit of module.units) await readUnit("foundation", module.id, unit.id);
  await page.goto(`/learn/foundation/${module.id}/check`);
  await ready();
  await answerAll(module.check.questions);
}
await page.goto("/learn/foundation/final");
await ready();
await answerAll(foundation.certification.bank);
await page.goto("/learn/foundation/certify");
await ready();
await page.getByLabel("Your full name").fill("Dana Reyes");
await page.getByLabel(/I completed this track myself/).check();
await page.getByRole("button", { name: "Issue my certificate" }).click();
await page.waitForURL(/\/certificates\/cert-[0-9a-f]{16}$/);
const certificatePath = new URL(page.url()).pathname;
const verifyLink = await page.locator("a[href*='/verify#']").first().getAttribute("href");

const frontline = track("frontline").modules[0];
for (const unit of frontline.units.slice(0, 2)) await readUnit("frontline", frontline.id, unit.id);

await page.goto("/team/share");
await ready();
await page.getByLabel("Your name").fill("Dana Reyes");
await page.getByLabel("Team (optional)").fill("Front desk");
const [download] = await Promise.all([
  page.waitForEvent("download"),
  page.getByRole("button", { name: "Download report file" }).click(),
]);

const storage = await page.evaluate(() => {
  const out = {};
  for (let i = 0; i < localStorage.length; i++) {
    const key = localStorage.key(i);
    out[key] = localStorage.getItem(key);
  }
  return out;
});
mkdirSync(outDir, { recursive: true });
writeFileSync(join(outDir, "storage.json"), JSON.stringify(storage, null, 1) + "\n");
writeFileSync(
  join(outDir, "certificate.json"),
  JSON.stringify({ path: certificatePath, verify: new URL(verifyLink, origin).pathname + new URL(verifyLink, origin).hash }, null, 1) + "\n",
);
copyFileSync(await download.path(), join(outDir, "report.json"));
console.log(`recorded ${Object.keys(storage).length} keys, ${certificatePath}, and a report in ${outDir}`);
await browser.close();
