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

// The status shown while an area's code is on its way (src/app.rs, `AreaLoading`), held on screen by
// keeping the Studio's chunks in flight, is scanned once fully faded in, in both themes.
for (const theme of ["light", "dark"]) {
  test(`the "area loading" status passes axe while it shows (${theme})`, async ({ page, context }) => {
    await seedStorage(context, { "fluency.profile": envelope({ display_name: "", role: null, language: "en", theme }) });
    await page.goto("/");
    await appReady(page);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/wasm-[^/]+\/chunk_\d+\.wasm$/, async (route) => {
      await held;
      await route.continue();
    });
    await page.getByRole("navigation").getByRole("link", { name: "Studio" }).first().click();
    const status = page.locator(".area-loading");
    await expect(status).toBeVisible();
    await expect(status).toHaveText(/\S/);
    await expect.poll(() => status.evaluate((el) => getComputedStyle(el).opacity)).toBe("1");
    await expectNoAxeViolations(page, `area loading status (${theme})`);
    release();
    await expect(page.getByRole("heading", { level: 1, name: "Studio" })).toBeVisible();
    await expect(status).toHaveCount(0);
  });
}
