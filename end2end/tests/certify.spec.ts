import { test, expect, appReady, expectNoAxeViolations } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type Option = { id: string; text: string; correct?: boolean };
type Question = { id: string; prompt: string; options: Option[] };
const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const track = pack.tracks.find((t: { id: string }) => t.id === "frontline");
const bank = new Map<string, Question>(track.certification.bank.map((q: Question) => [q.prompt, q]));

/** Progress with every module of the track read and its check passed, as the Learn journeys produce. */
function finishedModules() {
  const units: Record<string, number> = {};
  const attempts: Record<string, unknown[]> = {};
  const at = Date.now() - 60_000;
  for (const module of track.modules) {
    for (const unit of module.units) units[unit.id] = at;
    attempts[`check:${module.id}`] = [{ id: `seed-${module.id}`, at, correct: 6, total: 6 }];
  }
  return JSON.stringify({ schema: 1, data: { pack_id: "fluency-core", pack_version: pack.version, units, attempts, position: null, placement: null } });
}

test("finish a track, pass the final, attest, issue, print, and verify offline", async ({ browser }, testInfo) => {
  test.setTimeout(90_000);
  const learner = await browser.newContext();
  await learner.addInitScript((value) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("fluency.progress.fluency-core", value);
      sessionStorage.setItem("seeded", "1");
    }
  }, finishedModules());
  const page = await learner.newPage();
  await page.goto(`/learn/${track.id}/certify`);
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Certificate: ${track.title}`);
  await expect(page.locator(".requirements li.met")).toHaveCount(track.modules.length);

  // Issuing before the final assessment is refused with a reason.
  await page.getByLabel("Your full name").fill("Amara Okafor");
  await page.getByLabel(/I completed this track myself/).check();
  await page.getByRole("button", { name: "Issue my certificate" }).click();
  await expect(page.getByRole("alert")).toContainText("Finish the items above before issuing.");

  await page.getByRole("link", { name: "Take the final assessment" }).click();
  const questions = page.locator(".question");
  await expect(questions).toHaveCount(track.certification.assessment_size);
  for (let i = 0; i < (await questions.count()); i++) {
    const question = questions.nth(i);
    const prompt = (await question.locator(".prompt").innerText()).trim();
    for (const option of bank.get(prompt)!.options.filter((o) => o.correct)) {
      await question.getByLabel(option.text, { exact: true }).check();
    }
  }
  await page.getByRole("button", { name: "Check my answers" }).click();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();

  await page.goto(`/learn/${track.id}/certify`);
  await appReady(page);
  await page.getByLabel("Your full name").fill("Amara Okafor");
  await page.getByLabel(/^E-mail/).fill("amara@example.org");
  await page.getByLabel(/I completed this track myself/).check();
  await page.getByRole("button", { name: "Issue my certificate" }).click();
  await expect(page).toHaveURL(/\/certificates\/cert-[0-9a-f]{16}$/);
  await expect(page.locator(".learner")).toHaveText("Amara Okafor");
  await expect(page.getByText(/Self-attested, not proctored/)).toBeVisible();
  await expectNoAxeViolations(page, "the certificate page");

  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: testInfo.outputPath("certificate-print.png"), fullPage: true });
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await page.emulateMedia({ media: "screen" });

  const link = await page.getByLabel("Verify link").inputValue();
  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("fluency.certificates")))!);
  expect(stored.data.issued[0].claims.email_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(JSON.stringify(stored)).not.toContain("amara@example.org");
  await learner.close();

  // Anyone can verify the link in a fresh browser: nothing about the learner is stored there.
  const verifier = await browser.newContext();
  const check = await verifier.newPage();
  await check.goto(link);
  await appReady(check);
  const verdict = check.getByRole("status").filter({ has: check.getByRole("heading", { level: 2 }) });
  await expect(verdict.getByRole("heading")).toHaveText("Valid");
  await expect(verdict).toContainText("The signature matches");
  await expect(verdict).toContainText("Amara Okafor");
  await expectNoAxeViolations(check, "the verify page");

  // Change one character of the signed payload: the name.
  const fragment = link.split("#")[1];
  const json = JSON.parse(Buffer.from(fragment, "base64url").toString("utf8"));
  json.claims.learner_name = "Amara Okafor".replace("A", "B");
  const tampered = `${link.split("#")[0]}#${Buffer.from(JSON.stringify(json)).toString("base64url")}`;
  await check.getByLabel("Verify link").fill(tampered);
  await check.getByRole("button", { name: "Verify" }).click();
  await expect(verdict.getByRole("heading")).toHaveText("Tampered");
  await expect(verdict).toContainText("something was changed after the certificate was signed");

  await check.getByLabel("Verify link").fill("https://example.org/verify#not-a-certificate");
  await check.getByRole("button", { name: "Verify" }).click();
  await expect(check.getByRole("status").getByRole("heading", { name: "Not a readable certificate" })).toBeVisible();
  await verifier.close();
});

test("the certificates list shows each certificate's status today", async ({ page, context }) => {
  const day = 86_400_000;
  const now = Date.now();
  const claims = (id: string, title: string, expiresIn: number) => ({
    claims: {
      id, learner_name: "Amara Okafor", track_id: id, track_title: title, pack_id: "fluency-core",
      pack_version: pack.version, pack_hash: "sha256:x", issued_at: now - 700 * day, expires_at: now + expiresIn,
      scores: {}, evidence: "", self_attested: true, issuer: "did:key:z6Mk",
    },
    signature: "",
  });
  const stored = JSON.stringify({
    schema: 1,
    data: { issued: [claims("c1", "Old track", -day), claims("c2", "Soon track", 10 * day), claims("c3", "Fresh track", 400 * day)] },
  });
  await context.addInitScript((value) => {
    if (!sessionStorage.getItem("seeded")) {
      localStorage.setItem("fluency.certificates", value);
      sessionStorage.setItem("seeded", "1");
    }
  }, stored);
  await page.goto("/learn");
  await appReady(page);
  await page.getByRole("link", { name: "My certificates" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My certificates");
  const row = (title: string) => page.locator(".practice-row").filter({ hasText: title });
  await expect(row("Old track").getByText("Expired", { exact: true })).toBeVisible();
  await expect(row("Soon track").getByText("Expiring soon", { exact: true })).toBeVisible();
  await expect(row("Fresh track").getByText("Valid", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "the certificates list");
});
