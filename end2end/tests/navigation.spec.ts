import { test, expect, appReady } from "./fixtures/app";

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
