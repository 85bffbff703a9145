import { test, expect, appReady, expectNoAxeViolations, seedStorage, envelope } from "./fixtures/app";

test("deep links load directly from the static host", async ({ page }) => {
  await page.goto("/learn/frontline/front-use-cases");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "All tracks" })).toBeVisible();
});

test("focus moves to the main heading on every route change", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const [name, heading] of [["Learn", "Learn"], ["Studio", "Studio"], ["Team", "Team"]]) {
    await nav.getByRole("link", { name }).click();
    const h1 = page.getByRole("heading", { level: 1 });
    await expect(h1).toHaveText(heading);
    await expect(h1).toBeFocused();
    await expect(nav.getByRole("link", { name })).toHaveAttribute("aria-current", "page");
  }
  await expect(page).toHaveTitle("Team · Fluency");
});

test("links add one history entry each; back and forward move within and between areas", async ({ page, context }) => {
  await page.goto("/");
  await appReady(page);
  const entries = () => page.evaluate(() => history.length);
  const start = await entries();
  const h1 = page.getByRole("heading", { level: 1 });
  const nav = page.getByRole("navigation", { name: "Main" });

  await nav.getByRole("link", { name: "Learn" }).click();
  await expect(h1).toHaveText("Learn");
  await page.getByRole("link", { name: "Technical" }).first().click(); // within the area
  await expect(page).toHaveURL(/\/learn\/technical$/);
  await expect(h1).toBeFocused();
  const track = await h1.textContent();
  await page.getByRole("link", { name: "All tracks" }).click();
  await expect(h1).toHaveText("Learn");
  await page.getByRole("link", { name: "Share my progress" }).click(); // from inside an area to another
  await expect(page).toHaveURL(/\/team\/share$/);
  await expect(h1).toBeFocused();
  await expect(nav.getByRole("link", { name: "Team" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Learn" })).not.toHaveAttribute("aria-current", "page");
  expect(await entries()).toBe(start + 4);

  await page.goBack();
  await expect(h1).toHaveText("Learn");
  await page.goBack();
  await expect(h1).toHaveText(track!);
  await page.goBack();
  await expect(h1).toHaveText("Learn");
  await page.goBack();
  await expect(h1).toHaveText("AI fluency for every role in your organisation");
  await page.goForward();
  await expect(h1).toHaveText("Learn");
  await page.goForward();
  await expect(h1).toHaveText(track!);
  await page.goForward();
  await page.goForward();
  await expect(page).toHaveURL(/\/team\/share$/);
  await expect(nav.getByRole("link", { name: "Team" })).toHaveAttribute("aria-current", "page");

  // A link opened in a new tab is left to the browser: this tab stays where it is.
  const opened = context.waitForEvent("page");
  await nav.getByRole("link", { name: "Studio" }).click({ modifiers: ["ControlOrMeta"] });
  await (await opened).close();
  await expect(page).toHaveURL(/\/team\/share$/);
  expect(await entries()).toBe(start + 4);
});

test("the first load fetches only the shell; each area's code arrives on its first visit", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith(".wasm")) wasm.push(new URL(request.url()).pathname.split("/").pop()!);
  });
  await page.goto("/");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  // Without a chosen role nothing is fetched ahead, even after a while.
  await page.waitForTimeout(2500);
  expect(wasm).toEqual(["fluency_bg.wasm"]);

  const nav = page.getByRole("navigation", { name: "Main" });
  await nav.getByRole("link", { name: "Studio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeFocused();
  expect(wasm.filter((f) => /^split_studio_area\b/.test(f))).toHaveLength(1);
  expect(wasm.filter((f) => /^split_(learn|team|profile|certificates)_area\b/.test(f))).toEqual([]);

  // Back and forth: an area's code is fetched once.
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1, name: "AI fluency for every role in your organisation" })).toBeVisible();
  await nav.getByRole("link", { name: "Studio" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
  expect(wasm.filter((f) => /^split_studio_area\b/.test(f))).toHaveLength(1);
});

for (const [role, area, link, heading] of [
  ["learner", "learn", "Learn", "Learn"],
  ["trainer", "studio", "Studio", "Studio"],
  ["manager", "team", "Team", "Team"],
]) {
  test(`a ${role}'s area is fetched ahead, once the home page is up`, async ({ page, context }) => {
    await seedStorage(context, { "fluency.profile": envelope({ display_name: "", role, language: "en", theme: "light" }) });
    const areas: string[] = [];
    page.on("request", (request) => {
      const file = new URL(request.url()).pathname.split("/").pop()!;
      const match = file.match(/^split_(\w+)_area\b/);
      if (match) areas.push(match[1]);
    });
    await page.goto("/");
    await appReady(page);
    // No click: the role's area arrives on its own, and only that one.
    await expect.poll(() => areas, { timeout: 10_000 }).toEqual([area]);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: link }).click();
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeFocused();
    expect(areas).toEqual([area]);
  });
}

test("while an area's code is on its way, the page says so and the old page stays", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/split_studio_area[^/]*\.wasm$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Studio" }).click();
  const loading = page.getByRole("status").filter({ hasText: "Loading this page…" });
  await expect(loading).toBeVisible();
  await expect(page.getByRole("heading", { level: 1, name: "AI fluency for every role in your organisation" })).toBeVisible();
  // Focus waits on the main region meanwhile, without scrolling it under the sticky header.
  await expect(page.locator("main")).toBeFocused();
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  await expectNoAxeViolations(page, "an area on its way");

  release();
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeFocused();
  await expect(loading).toHaveCount(0);
});

test("an area whose code cannot be fetched offers a reload, and nothing stored is lost", async ({ page, consoleErrors }) => {
  await page.goto("/profile");
  await appReady(page);
  await page.getByLabel("Display name").fill("Amara");
  await expect(page.getByText("Saved on this device")).toBeVisible();
  const stored = await page.evaluate(() => localStorage.getItem("fluency.profile"));
  await page.goto("/");
  await appReady(page);

  // The Studio's code is gone from the server (say, a newer build was published).
  await page.route(/split_studio_area[^/]*\.wasm$/, (route) => route.fulfill({ status: 404, body: "gone" }));
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Studio" }).click();
  const heading = page.getByRole("heading", { level: 1, name: "This page could not be loaded" });
  await expect(heading).toBeFocused();
  await expect(page.getByRole("alert")).toContainText("saved on this device");
  await expectNoAxeViolations(page, "the area load failure");
  expect(await page.evaluate(() => localStorage.getItem("fluency.profile"))).toBe(stored);

  // The rest of the app still works.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Learn" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Learn" })).toBeVisible();
  await page.goBack();
  await expect(heading).toBeVisible();

  // Once the code is back, the Reload button brings the Studio.
  await page.unroute(/split_studio_area[^/]*\.wasm$/);
  await page.getByRole("button", { name: "Reload" }).click();
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
  expect(await page.evaluate(() => localStorage.getItem("fluency.profile"))).toBe(stored);

  // The only errors logged are the failed fetches of the missing code.
  expect(consoleErrors.length).toBeGreaterThan(0);
  expect(consoleErrors.filter((e) => !/WebAssembly|status of 404/.test(e))).toEqual([]);
  consoleErrors.splice(0);
});

test("an unknown address inside an area shows the not-found page", async ({ page }) => {
  await page.goto("/learn/foundation/no-such-module/no-such-unit/extra");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.goto("/studio/nothing/here");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
});

test("an unknown address shows the not-found page with a way home", async ({ page }) => {
  await page.goto("/this/does/not/exist");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1, name: "Page not found" })).toBeVisible();
  await page.getByRole("link", { name: "Go to the home page" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("the skip link moves focus to the main content", async ({ page }) => {
  await page.goto("/learn");
  await appReady(page);
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page.locator("main")).toBeFocused();
});

test("the catalogue, a track, a module and a unit render from the pack", async ({ page }) => {
  await page.goto("/learn");
  await appReady(page);
  const tracks = page.locator(".track-card");
  await expect(tracks).toHaveCount(4);
  await page.getByRole("link", { name: "Technical" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toBeFocused();
  await page.locator(".module-row").first().getByRole("link").click();
  await page.getByRole("link", { name: "Start reading" }).click();
  await expect(page.getByText(/^Unit 1 of \d+/)).toBeVisible();
  const prose = page.locator(".prose");
  await expect(prose.locator("h2").first()).toBeVisible();
  expect(await prose.locator("p").count()).toBeGreaterThan(3);
  await page.getByRole("link", { name: /^Next/ }).click();
  await expect(page.getByText(/^Unit 2 of \d+/)).toBeVisible();
  await page.getByRole("link", { name: /^Previous/ }).click();
  await expect(page.getByText(/^Unit 1 of \d+/)).toBeVisible();

  // The arrow keys move between units too.
  await page.keyboard.press("ArrowRight");
  await expect(page.getByText(/^Unit 2 of \d+/)).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(page.getByText(/^Unit 1 of \d+/)).toBeVisible();

  // Printing shows the text, not the app's chrome.
  await page.emulateMedia({ media: "print" });
  await expect(page.locator(".site-header")).toBeHidden();
  await expect(page.getByRole("button", { name: "Mark as complete" })).toBeHidden();
  await expect(prose.locator("p").first()).toBeVisible();
  await page.emulateMedia({ media: "screen" });
});

test("a track lists each module's duration, objectives and status", async ({ page }) => {
  await page.goto("/learn/technical");
  await appReady(page);
  const row = page.locator(".module-row").first();
  await expect(row.getByText(/\d+ min/)).toBeVisible();
  await expect(row.getByText("0% done")).toBeVisible();
  await row.getByText("Learning objectives").click();
  await expect(row.locator(".objectives li").first()).toBeVisible();
  await expect(page.locator(".module-row").nth(1).getByText(/^Builds on .+ You can preview it now\.$/)).toBeVisible();
});

test("a link to a unit that does not exist explains itself", async ({ page }) => {
  await page.goto("/learn/foundation/genai-essentials/renamed-unit");
  await appReady(page);
  await expect(page.getByText("This part of the curriculum does not exist")).toBeVisible();
});
