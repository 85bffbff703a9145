import { test, expect, appReady, expectNoAxeViolations, seedStorage } from "./fixtures/app";
import { TeamPage } from "./fixtures/team_page";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

// What a learner's browser held under curriculum 1.0.0, recorded from that release itself
// (end2end/tools/record-1.0.0-learner.mjs): a Foundation certificate, all five Foundation modules
// finished under the old rule (units read, checks passed, no scenarios), two Frontline units read,
// and a signed progress report.
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/v1.0.0/${name}`, import.meta.url));
const storage: Record<string, string> = JSON.parse(readFileSync(fixture("storage.json"), "utf8"));
const certificate: { path: string; verify: string } = JSON.parse(readFileSync(fixture("certificate.json"), "utf8"));
const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const oldPack = JSON.parse(readFileSync(fileURLToPath(new URL("../../tests/fixtures/fluency-core-1.0.0.json", import.meta.url)), "utf8"));

type Unit = { id: string; title: string };
type Module = { id: string; title: string; units: Unit[]; scenarios: { id: string }[] };
const foundation = pack.tracks.find((t: { id: string }) => t.id === "foundation");
const oldFoundation = oldPack.tracks.find((t: { id: string }) => t.id === "foundation");
const oldModule = (id: string): Module | undefined => oldFoundation.modules.find((m: Module) => m.id === id);

test("a learner certified under 1.0.0 opens the current version: nothing lost, exactly what is new, and the old certificate still verifies", async ({ page, browser }) => {
  test.setTimeout(90_000);
  expect(pack.version).not.toBe("1.0.0");
  await seedStorage(page.context(), storage);
  const before = JSON.parse(storage["fluency.progress.fluency-core"]).data;

  // The track page says what is new, that the certificate stands, and offers early renewal.
  await page.goto("/learn/foundation");
  await appReady(page);
  const update = page.getByRole("region", { name: `New in version ${pack.version}` });
  await expect(update).toBeVisible();
  await expect(update).toContainText("Your certificate was earned against version 1.0.0 and stays valid until");
  // The publisher's note for this version, from the history of published versions.
  const history = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/history.json", import.meta.url)), "utf8"));
  const note = history.versions.find((v: { version: string }) => v.version === pack.version).notes.en;
  await expect(update).toContainText(note);
  await expect(update.getByRole("listitem").filter({ hasText: "The EU AI Act" })).toBeVisible();
  await expect(update.getByRole("link", { name: "Renew early" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Time to recertify" })).toHaveCount(0);
  await expectNoAxeViolations(page, "track page with a version update");

  // Each module finished under 1.0.0 lists exactly what the current version adds: its new units and its scenario.
  for (const module of foundation.modules as Module[]) {
    const old = oldModule(module.id);
    await page.goto(`/learn/foundation/${module.id}`);
    await appReady(page);
    const left = page.getByTestId("still-to-do");
    if (!old) {
      await expect(left).toContainText(`${module.units.length} units to read`);
      await expect(left).toContainText("the knowledge check to pass");
      continue;
    }
    const newUnits = module.units.filter((u) => !old.units.some((o) => o.id === u.id)).length;
    const parts = [
      newUnits === 0 ? null : newUnits === 1 ? "one unit to read" : `${newUnits} units to read`,
      "one scenario to pass",
    ].filter(Boolean);
    await expect(left).toHaveText(`Still to do: ${parts.join(", ")}.`);
    // Its check, passed under 1.0.0, still counts.
    await expect(page.locator(".practice-row").first().getByText("Passed")).toBeVisible();
  }

  // Nothing stored was lost: every unit and attempt from 1.0.0 is still there.
  const after = await page.evaluate(() => JSON.parse(localStorage.getItem("fluency.progress.fluency-core")!).data);
  for (const [unit, at] of Object.entries(before.units)) expect(after.units[unit], unit).toBe(at);
  for (const [quiz, attempts] of Object.entries(before.attempts as Record<string, { id: string }[]>)) {
    expect(after.attempts[quiz].map((a: { id: string }) => a.id), quiz).toEqual(attempts.map((a) => a.id));
  }
  expect(await page.evaluate(() => localStorage.getItem("fluency.certificates"))).toBe(storage["fluency.certificates"]);

  // Renewing early asks for the changed modules and a fresh final, and names the reason.
  await page.goto("/learn/foundation");
  await page.getByRole("link", { name: "Renew early" }).click();
  await expect(page.getByText(`You are renewing early for version ${pack.version}.`)).toBeVisible();
  await expect(page.locator(".requirements li.met")).toHaveCount(0);

  // The certificate page and its verify link, opened in a browser that never saw this learner.
  await page.goto(certificate.path);
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Certificate of completion");
  await expect(page.getByText("Dana Reyes").first()).toBeVisible();
  const verifier = await browser.newContext();
  const other = await verifier.newPage();
  await other.goto(certificate.verify);
  await appReady(other);
  const verdict = other.getByRole("status").filter({ hasText: "Valid" });
  await expect(verdict.getByRole("heading", { name: "Valid" })).toBeVisible();
  await expect(verdict).toContainText(`It was earned against version 1.0.0; the current version is ${pack.version}.`);
  await expectNoAxeViolations(other, "verify page for a 1.0.0 certificate");
  await verifier.close();
});

test("a manager imports a report made with 1.0.0 and sees which version it came from", async ({ page }) => {
  const team = new TeamPage(page);
  await team.open();
  await team.importFiles([{ name: "dana.json", mimeType: "application/json", buffer: readFileSync(fixture("report.json")) }]);
  const results = page.locator(".result");
  await expect(results).toHaveCount(1);
  await expect(results.first()).toContainText("Added");
  await expect(results.first()).toContainText(`made with curriculum version 1.0.0; the current version is ${pack.version}`);
  await expect(page.getByRole("table", { name: "Learners and tracks" })).toContainText("Dana Reyes");
  await expectNoAxeViolations(page, "Team import of a 1.0.0 report");
});
