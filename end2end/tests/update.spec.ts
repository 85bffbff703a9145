import { test, expect, appReady, expectNoAxeViolations } from "./fixtures/app";
import { StaticServer, copyOfDist, ownPort, serviceWorkerInControl } from "./fixtures/server";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { join } from "node:path";

// A new build deployed while a learner has Fluency open: the waiting service worker is announced
// by a quiet notice, the old version keeps working, and reloading from the notice flushes pending
// writes first and then runs the new version.

test.use({ serviceWorkers: "allow" });

/**
 * Deploys "a new build" into a copy of dist: rewrites one precached file, and gives the service
 * worker that file's new revision, as a rebuild would. Precompressed copies of both go, so the
 * server sends the new bytes.
 */
function deploy(dir: string, file: string, change: (text: string) => string) {
  const path = join(dir, file);
  const before = readFileSync(path, "utf8");
  const after = change(before);
  expect(after).not.toBe(before);
  writeFileSync(path, after);
  // Workbox's revision (MD5), cut to 12 digits as tools/build-wasm.mjs writes it.
  const revision = (text: string) => createHash("md5").update(text).digest("hex").slice(0, 12);
  const swPath = join(dir, "sw.js");
  const sw = readFileSync(swPath, "utf8");
  expect(sw).toContain(revision(before));
  writeFileSync(swPath, sw.replace(revision(before), revision(after)));
  for (const changed of [path, swPath]) for (const suffix of [".gz", ".br"]) rmSync(changed + suffix, { force: true });
}

test("a new build is announced, the old one keeps working, and reloading loses nothing", async ({ page }) => {
  test.setTimeout(120_000);
  const copy = copyOfDist();
  const server = new StaticServer(copy.dir, await ownPort(5));
  const at = (path: string) => server.origin + path;
  await server.start();
  try {
    await page.goto(at("/learn/open"));
    await appReady(page);
    await serviceWorkerInControl(page);
    await expect(page.getByRole("button", { name: "Open Fluency core curriculum" })).toBeVisible();

    // Some work in this version: a completed unit.
    const unit = await page.evaluate(async () => (await (await fetch("/packs/fluency-core.json")).json()).tracks[0].modules[0]);
    await page.goto(at(`/learn/foundation/${unit.id}/${unit.units[0].id}`));
    await page.getByRole("button", { name: "Mark as complete" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Completed" })).toBeVisible();

    // The new build: the pack manifest names the pack differently.
    deploy(copy.dir, "packs/index.json", (text) => text.replace('"Fluency core curriculum"', '"Fluency core curriculum, new build"'));
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.update());
    const notice = page.getByRole("status").filter({ hasText: "A new version of Fluency is ready." });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expectNoAxeViolations(page, "the update notice");

    // Until the learner reloads, the old version keeps working.
    await page.goto(at("/learn/open"));
    await expect(page.getByRole("button", { name: "Open Fluency core curriculum" })).toBeVisible();
    await expect(notice).toBeVisible();

    // A Studio draft typed a moment before reloading: it has not been autosaved yet.
    await page.goto(at("/studio"));
    await page.getByRole("button", { name: "New empty pack" }).click();
    await expect(page.getByRole("heading", { level: 1, name: /Editing: New pack/ })).toBeVisible();
    const draftUrl = page.url();
    await page.getByLabel("Title", { exact: true }).fill("Written just before the update");
    await Promise.all([page.waitForEvent("load"), notice.getByRole("button", { name: "Reload" }).click()]);

    // The new version runs, and nothing was lost.
    await appReady(page);
    expect(page.url()).toBe(draftUrl);
    await expect(page.getByLabel("Title", { exact: true })).toHaveValue("Written just before the update");
    await expect(page.getByRole("status").filter({ hasText: "A new version of Fluency is ready." })).toHaveCount(0);
    await page.goto(at("/learn/open"));
    await expect(page.getByRole("button", { name: "Open Fluency core curriculum, new build" })).toBeVisible();
    await page.goto(at(`/learn/foundation/${unit.id}`));
    await expect(page.locator(".unit-list li.done")).toHaveCount(1);
  } finally {
    await server.stop();
    copy.remove();
  }
});
