import { test, expect, appReady } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

type PlacementOption = { id: string; text: string; points_to?: string; knows_modules?: string[] };
type PlacementQuestion = { id: string; prompt: string; options: PlacementOption[] };
const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const placement: PlacementQuestion[] = pack.placement;
const trackFor = (audience: string) => pack.tracks.find((t: { audience: string[] }) => t.audience.includes(audience));
const moduleTitle = (id: string) =>
  pack.tracks.flatMap((t: { modules: { id: string; title: string }[] }) => t.modules).find((m: { id: string }) => m.id === id).title;

test("choosing a path directly shows the Foundation and the role track, and survives a reload", async ({ page }) => {
  await page.goto("/learn");
  await appReady(page);
  await expect(page.getByRole("heading", { name: "Choose your path" })).toBeVisible();
  await page.getByRole("button", { name: "I lead a team, a function or an organisation" }).click();
  const path = page.getByRole("region", { name: "Your path" });
  await expect(path.getByRole("link", { name: trackFor("everyone").title })).toBeVisible();
  await expect(path.getByRole("link", { name: trackFor("leader").title })).toBeVisible();
  await expect(path.getByText("Time left on your path")).toBeVisible();
  await page.reload();
  await appReady(page);
  await expect(page.getByRole("region", { name: "Your path" }).getByRole("link", { name: trackFor("leader").title })).toBeVisible();
  await page.getByRole("button", { name: "Change path" }).click();
  await expect(page.getByRole("heading", { name: "Choose your path" })).toBeVisible();
});

// Each case answers every role question with the option that points to `prefer`. Knowledge
// questions are answered right for leader and technical and wrong for frontline: knowing less must
// never read as a vote for a role, so the recommendation follows the role answers alone.
for (const prefer of ["leader", "technical", "frontline"]) {
  test(`"not sure" recommends a track consistent with the answers (${prefer})`, async ({ page }) => {
    await page.goto("/learn");
    await appReady(page);
    await page.getByRole("button", { name: "I'm not sure: help me choose" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Find your track" })).toBeVisible();

    const counts: Record<string, number> = {};
    const known = new Set<string>();
    let first: string | undefined;
    for (const question of placement) {
      const knowledge = question.options.every((o) => o.points_to === undefined);
      const option = knowledge
        ? question.options.find((o) => ((o.knows_modules ?? []).length > 0) === (prefer !== "frontline"))!
        : question.options.find((o) => o.points_to === prefer)!;
      if (option.points_to) {
        counts[option.points_to] = (counts[option.points_to] ?? 0) + 1;
        first ??= option.points_to;
      }
      (option.knows_modules ?? []).forEach((m) => known.add(m));
      await page.locator(".question").filter({ hasText: question.prompt }).getByLabel(option.text, { exact: true }).check();
    }
    const roleQuestions = placement.filter((q) => q.options.some((o) => o.points_to !== undefined)).length;
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(roleQuestions);
    const best = Math.max(...Object.values(counts));
    const tied = ["leader", "technical", "frontline"].filter((a) => counts[a] === best);
    const expected = tied.includes(first!) ? first! : tied[0];
    expect(expected).toBe(prefer);

    await page.getByRole("button", { name: "See my recommendation" }).click();
    const result = page.getByRole("status").filter({ hasText: "We recommend" });
    await expect(result.getByRole("heading")).toHaveText(`We recommend: ${trackFor(expected).title}`);
    await expect(result).toContainText(`${counts[expected]} of your ${roleQuestions} answers about your work pointed to this track.`);
    if (prefer === "frontline") expect(known.size).toBe(0);
    for (const id of known) await expect(result.getByText(moduleTitle(id))).toBeVisible();

    await result.getByRole("button", { name: "Follow this path" }).click();
    await expect(page).toHaveURL(/\/learn$/);
    await expect(page.getByRole("region", { name: "Your path" }).getByRole("link", { name: trackFor(expected).title })).toBeVisible();
    if (known.size > 0) {
      await page.goto("/learn/foundation");
      const id = [...known][0];
      const row = page.locator(".module-row").filter({ has: page.getByRole("heading", { name: moduleTitle(id) }) });
      await expect(row.getByText("You may know this")).toBeVisible();
    }
  });
}

test("the placement asks for every answer before recommending", async ({ page }) => {
  await page.goto("/learn/placement");
  await appReady(page);
  await page.getByRole("button", { name: "See my recommendation" }).click();
  await expect(page.getByRole("alert")).toContainText(`Answer every question first: ${placement.length} still open.`);
});
