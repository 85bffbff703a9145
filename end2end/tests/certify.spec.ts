import { test, expect, appReady, expectNoAxeViolations } from "./fixtures/app";
import { LearnPage } from "./fixtures/learn_page";
import { verifyOpenBadge, schemaErrors, requested, OB_CONTEXT_URL } from "./fixtures/open_badges";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { BrowserContext, Page } from "@playwright/test";
import { readQr } from "./fixtures/qr";
import { packParts } from "../lib/pack-parts.mjs";

type Option = { id: string; text: string; correct?: boolean };
type Question = { id: string; prompt: string; options: Option[] };
type Scenario = { id: string; title: string; questions: Question[] };
type Pack = { version: string; tracks: { id: string; title: string; modules: { id: string; title: string; units: { body: string }[]; check: { questions: Question[] }; scenarios: Scenario[] }[]; certification: { bank: Question[]; assessment_size: number } }[] };

const readPack = (path: string): Pack => JSON.parse(readFileSync(fileURLToPath(new URL(path, import.meta.url)), "utf8"));
const pack = readPack("../../public/packs/fluency-core.json");
// A two-module stand-in for the shipped pack, served in its place so the journey runs in seconds.
const mini = readPack("./fixtures/packs/certify-mini.json");
const miniTrack = mini.tracks[0];

/** Serves `served` wherever the app asks for the shipped pack. */
async function servePack(context: BrowserContext, served: Pack) {
  const files: Record<string, unknown> = { "/packs/fluency-core.json": served, ...packParts(served, "/packs/fluency-core.json") };
  await context.route(PACK_FILES, (route) => {
    const body = files[new URL(route.request().url()).pathname];
    return body ? route.fulfill({ contentType: "application/json", body: JSON.stringify(body) }) : route.continue();
  });
}
/** The shipped pack's file and its parts (domain::pack_parts), which `servePack` replaces. */
const PACK_FILES = /\/packs\/fluency-core(\.json|\/[\w.-]+\.json)$/;

const rightAnswers = (questions: Question[]) => {
  const byPrompt = new Map(questions.map((q) => [q.prompt, q]));
  return (prompt: string) => byPrompt.get(prompt)!.options.filter((o) => o.correct).map((o) => o.text);
};

const wrongAnswers = (questions: Question[]) => {
  const byPrompt = new Map(questions.map((q) => [q.prompt, q]));
  return (prompt: string) => [byPrompt.get(prompt)!.options.find((o) => !o.correct)!.text];
};

async function passCheck(page: Page, learn: LearnPage, track: string, module: Pack["tracks"][0]["modules"][0]) {
  await page.goto(`/learn/${track}/${module.id}/check`);
  await appReady(page);
  await learn.answer(rightAnswers(module.check.questions));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
}

/** Passes every scenario of a module: since 1.1.0 a module is complete only with them. */
async function passScenarios(page: Page, learn: LearnPage, track: string, module: Pack["tracks"][0]["modules"][0]) {
  for (const scenario of module.scenarios) {
    await page.goto(`/learn/${track}/${module.id}/scenario/${scenario.id}`);
    await appReady(page);
    await learn.answer(rightAnswers(scenario.questions));
    await learn.submit();
    await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
  }
}

async function passFinal(page: Page, learn: LearnPage, served: Pack) {
  const track = served.tracks[0];
  await page.goto(`/learn/${track.id}/certify`);
  await appReady(page);
  await page.getByRole("link", { name: "Take the final assessment" }).click();
  await expect(page.locator(".question")).toHaveCount(track.certification.assessment_size);
  await learn.answer(rightAnswers(track.certification.bank));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Passed" })).toBeVisible();
}

async function issue(page: Page, track: string, email?: string) {
  await page.goto(`/learn/${track}/certify`);
  await appReady(page);
  await page.getByLabel("Your full name").fill("Amara Okafor");
  if (email) await page.getByLabel(/^E-mail/).fill(email);
  await page.getByLabel(/I completed this track myself/).check();
  await page.getByRole("button", { name: "Issue my certificate" }).click();
  await expect(page).toHaveURL(/\/certificates\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
}

test("finish a small track, certify, print, scan, verify offline and as an Open Badge", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const learner = await browser.newContext({ acceptDownloads: true });
  await servePack(learner, mini);
  const page = await learner.newPage();
  const learn = new LearnPage(page);

  // Issuing before the work is done is refused with a reason, and the checklist links to what is missing.
  await page.goto(`/learn/${miniTrack.id}/certify`);
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Certificate: ${miniTrack.title}`);
  await expect(page.locator(".requirements li.met")).toHaveCount(0);
  // Each module's line says all that completes it, scenario exercises included.
  await expect(page.locator(".requirements li").first()).toContainText(`Complete “${miniTrack.modules[0].title}”: every unit read, and its check and its scenario exercises passed`);
  await expect(page.getByRole("link", { name: "Take the final assessment" })).toHaveCount(0);
  await page.getByLabel("Your full name").fill("Amara Okafor");
  await page.getByLabel(/I completed this track myself/).check();
  await page.getByRole("button", { name: "Issue my certificate" }).click();
  await expect(page.getByRole("alert")).toContainText("Finish the items above before issuing.");

  for (const module of miniTrack.modules) {
    await learn.openModule(miniTrack.id, module.id);
    await learn.readAllUnits();
    await passCheck(page, learn, miniTrack.id, module);
    await passScenarios(page, learn, miniTrack.id, module);
  }
  // A failed final gives the score, never the key: no question, verdict, feedback or right answer
  // stays on the page, so the next draw cannot be passed from memory.
  await page.goto(`/learn/${miniTrack.id}/certify`);
  await appReady(page);
  await page.getByRole("link", { name: "Take the final assessment" }).click();
  await learn.answer(wrongAnswers(miniTrack.certification.bank));
  await learn.submit();
  await expect(page.getByRole("heading", { name: "Not passed yet" })).toBeVisible();
  await expect(page.getByText(/You scored 0%/)).toBeVisible();
  await expect(page.getByText(/does not show which answers were right/)).toBeVisible();
  await expect(page.locator(".question")).toHaveCount(0);
  await expect(page.getByText("Correct answer", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Show only my mistakes" })).toHaveCount(0);
  await expectNoAxeViolations(page, "a failed final assessment");
  await page.getByRole("button", { name: /Try again/ }).click();
  await expect(page.locator(".question")).toHaveCount(miniTrack.certification.assessment_size);

  await passFinal(page, learn, mini);
  // An address that cannot be one is refused with the reason; nothing is issued.
  await page.goto(`/learn/${miniTrack.id}/certify`);
  await appReady(page);
  await page.getByLabel("Your full name").fill("Amara Okafor");
  await page.getByLabel(/^E-mail/).fill("not-an-email");
  await page.getByLabel(/I completed this track myself/).check();
  await page.getByRole("button", { name: "Issue my certificate" }).click();
  await expect(page.getByRole("alert")).toContainText("That e-mail address looks incomplete");
  await expect(page).toHaveURL(/\/certify$/);
  const held = await page.evaluate(() => localStorage.getItem("fluency.certificates"));
  expect(held === null || JSON.parse(held).data.issued.length === 0).toBe(true);
  await issue(page, miniTrack.id, "amara@example.org");
  await expect(page.locator(".learner")).toHaveText("Amara Okafor");
  await expect(page.getByText(/Self-attested, not proctored/)).toBeVisible();
  await expectNoAxeViolations(page, "the certificate page");
  await page.screenshot({ path: testInfo.outputPath("certificate-screen.png"), fullPage: true });

  const link = await page.getByRole("textbox", { name: "Verify link" }).inputValue();
  expect(link.length).toBeLessThan(2_000);
  expect(await readQr(page, "QR code of the verify link")).toBe(link);

  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: testInfo.outputPath("certificate-print.png"), fullPage: true });
  await expect(page.getByRole("button", { name: "Print or save as PDF" })).toBeHidden();
  await expect(page.getByRole("img", { name: "QR code of the verify link" })).toBeVisible();
  // It prints on exactly one landscape page, on A4 and on Letter (page.pdf follows the emulated media).
  for (const format of ["A4", "Letter"]) {
    const pdf = (await page.pdf({ format, landscape: true, preferCSSPageSize: true })).toString("latin1");
    expect(pdf.match(/\/Type\s*\/Page\b/g)?.length, `${format} pages`).toBe(1);
  }
  await page.emulateMedia({ media: "screen" });

  const fileDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download certificate file" }).click();
  const certificateFile = readFileSync((await (await fileDownload).path())!, "utf8");

  const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("fluency.certificates")))!);
  expect(stored.data.issued[0].claims.email_hash).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(JSON.stringify(stored)).not.toContain("amara@example.org");

  // The Open Badge the browser signed passes Digital Bazaar's verifier and 1EdTech's schema.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download Open Badge 3.0" }).click();
  const badge = JSON.parse(readFileSync((await (await download).path())!, "utf8"));
  expect(badge.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
  expect(badge["@context"]).toEqual(["https://www.w3.org/ns/credentials/v2", OB_CONTEXT_URL]);
  expect(badge.credentialSubject.achievement.achievementType).toBe("CertificateOfCompletion");
  expect(badge.issuer.name).toBe("Amara Okafor");
  expect(schemaErrors(badge)).toEqual([]);
  const result = await verifyOpenBadge(badge);
  expect(result.error, JSON.stringify(result.error)).toBeUndefined();
  expect(result.verified).toBe(true);
  expect(requested.filter((url) => !url.startsWith("did:key:"))).toEqual([]);
  const forged = structuredClone(badge);
  forged.credentialSubject.achievement.name = "Leadership strategy";
  expect((await verifyOpenBadge(forged)).verified).toBe(false);
  expect(schemaErrors(forged)).toEqual([]);
  await learner.close();

  // Anyone can verify the link in a fresh browser of the same deployment: nothing is stored there.
  const verifier = await browser.newContext();
  await servePack(verifier, mini);
  const check = await verifier.newPage();
  await check.goto(link);
  await appReady(check);
  const verdict = check.getByRole("status").filter({ has: check.getByRole("heading", { level: 2 }) });
  await expect(verdict.getByRole("heading")).toHaveText("Valid");
  await expect(verdict).toContainText("The signature matches");
  await expect(verdict).toContainText("Self-attested, not proctored");
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
  // What the learner attested is no longer theirs: the page does not vouch for it.
  await expect(verdict).not.toContainText("Self-attested");
  await expect(verdict).not.toContainText("met the track's rules");

  // The downloaded certificate file verifies too, chosen or dropped; an edited copy does not.
  await check.getByLabel("Or choose a certificate file").setInputFiles({ name: "certificate.json", mimeType: "application/json", buffer: Buffer.from(certificateFile) });
  await expect(verdict.getByRole("heading")).toHaveText("Valid");
  const dropped = await check.evaluateHandle((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], "edited.json", { type: "application/json" }));
    return transfer;
  }, certificateFile.replace('"Amara Okafor"', '"Amara Okafor-Smith"'));
  await check.locator("form.drop-zone").dispatchEvent("drop", { dataTransfer: dropped });
  await expect(verdict.getByRole("heading")).toHaveText("Tampered");

  await check.getByLabel("Verify link").fill("https://example.org/verify#not-a-certificate");
  await check.getByRole("button", { name: "Verify" }).click();
  await expect(check.getByRole("status").getByRole("heading", { name: "Not a readable certificate" })).toBeVisible();
  await expect(check.getByRole("status")).toContainText("This link or file does not contain a Fluency certificate");
  await verifier.close();
});

test("a major pack change asks for recertification of exactly the changed module", async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const context = await browser.newContext();
  await servePack(context, mini);
  const page = await context.newPage();
  const learn = new LearnPage(page);
  for (const module of miniTrack.modules) {
    await learn.openModule(miniTrack.id, module.id);
    await learn.readAllUnits();
    await passCheck(page, learn, miniTrack.id, module);
    await passScenarios(page, learn, miniTrack.id, module);
  }
  await passFinal(page, learn, mini);
  await issue(page, miniTrack.id);
  const firstId = page.url().split("/").pop();

  // Version 2.0.0 rewrites one unit of the second module.
  const next = structuredClone(mini);
  next.version = "2.0.0";
  const changed = next.tracks[0].modules[1];
  changed.units[0].body += "\n\nSince this version, write down who signed off and when.";
  await context.unroute(PACK_FILES);
  await servePack(context, next);
  // The track page says so, and marks the module that changed.
  await page.goto(`/learn/${miniTrack.id}`);
  await appReady(page);
  await expect(page.getByRole("region", { name: "Time to recertify" })).toContainText("from version 1.0.0 to 2.0.0");
  await expect(page.locator(".module-row").filter({ hasText: "Changed since your certificate" })).toHaveCount(1);
  await expect(page.locator(".module-row").nth(1)).toContainText("Changed since your certificate");
  await page.getByRole("link", { name: "See what changed and recertify" }).click();
  const renewal = page.getByRole("region", { name: "Time to recertify" });
  await expect(renewal).toContainText("from version 1.0.0 to 2.0.0");
  await expect(renewal.getByRole("listitem")).toHaveCount(1);
  await expect(renewal.getByRole("listitem")).toContainText(`${changed.title} changed`);
  await expect(page.locator(".requirements li.met")).toHaveCount(1);
  await expectNoAxeViolations(page, "the recertification checklist");
  await page.screenshot({ path: testInfo.outputPath("recertify.png"), fullPage: true });

  await passCheck(page, learn, miniTrack.id, changed);
  await passScenarios(page, learn, miniTrack.id, changed);
  await passFinal(page, learn, next);
  await issue(page, miniTrack.id);
  const secondId = page.url().split("/").pop();
  expect(secondId).not.toBe(firstId);

  await page.goto("/certificates");
  await appReady(page);
  await expect(page.locator(".practice-row")).toHaveCount(2);
  await page.goto(`/learn/${miniTrack.id}/certify`);
  await appReady(page);
  await expect(page.getByRole("region", { name: "Time to recertify" })).toHaveCount(0);
  await context.close();
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
  await expect(row("Old track").getByRole("link", { name: "Recertify" })).toHaveAttribute("href", "/learn/c1/certify");
  await expect(row("Fresh track").getByRole("link", { name: "Recertify" })).toHaveCount(0);
  await expect(row("Soon track").getByText("Expiring soon", { exact: true })).toBeVisible();
  await expect(row("Fresh track").getByText("Valid", { exact: true })).toBeVisible();
  await expectNoAxeViolations(page, "the certificates list");
});
