import { test, expect, appReady, seedStorage, envelope, expectNoAxeViolations } from "./fixtures/app";

// Every route of the app, including a deep unit link and the not-found page.
const ROUTES = [
  "/",
  "/learn",
  "/learn/foundation",
  "/learn/foundation/genai-essentials",
  "/learn/technical/tech-building/tech-building-choosing",
  "/learn/frontline/front-use-cases/check",
  "/learn/placement",
  "/learn/review",
  "/learn/frontline/certify",
  "/learn/frontline/final",
  "/verify",
  "/certificates",
  "/learn/leadership/lead-change-levers/scenario/lead-change-levers-scenario-dispatch",
  "/studio",
  "/team",
  "/profile",
  "/profile/records",
  "/no-such-page",
];

for (const language of ["en", "zh-CN"]) {
  for (const theme of ["light", "dark"]) {
    test(`axe finds no WCAG 2.2 AA violations (${language}, ${theme})`, async ({ page, context }) => {
      test.setTimeout(90_000);
      await seedStorage(context, {
        "fluency.profile": envelope({ display_name: "", role: null, language, theme }),
      });
      for (const route of ROUTES) {
        await page.goto(route);
        await appReady(page);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        await expect(page.locator("html")).toHaveAttribute("lang", language);
        await expectNoAxeViolations(page, `${route} (${language}, ${theme})`);
      }
    });
  }
}

test("narrow screens: no horizontal scrolling at 360 px", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  for (const route of ["/", "/learn", "/learn/foundation", "/learn/leadership/lead-change-levers", "/profile", "/studio"]) {
    await page.goto(route);
    await appReady(page);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow, `horizontal overflow on ${route}`).toBeLessThanOrEqual(0);
  }
});
