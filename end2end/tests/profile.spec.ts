import { test, expect, appReady, envelope } from "./fixtures/app";
import { ProfilePage } from "./fixtures/profile_page";

test("role, name, language and theme survive a reload", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.getByRole("button", { name: /I lead a team/ }).click();
  await expect(page).toHaveURL(/\/team$/);

  const profile = new ProfilePage(page);
  await profile.open();
  await expect(page.getByRole("radio", { name: "I lead a team" })).toBeChecked();
  await profile.setName("  Amara   Okafor ");
  await profile.chooseTheme(/^Dark$/);
  await profile.chooseLanguage("简体中文");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("status").filter({ hasText: "已保存到此设备" })).toBeVisible();

  await page.reload();
  await appReady(page);
  await expect(profile.nameField()).toHaveValue("Amara Okafor");
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByRole("radio", { name: "我带领团队" })).toBeChecked();
  await expect(page.getByRole("radio", { name: "深色" })).toBeChecked();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("个人资料");

  const stored = await page.evaluate(() => localStorage.getItem("fluency.profile"));
  expect(JSON.parse(stored!)).toEqual(
    JSON.parse(envelope({ display_name: "Amara Okafor", role: "manager", language: "zh-CN", theme: "dark", path: null }, 2)),
  );
});

test("the header switches language and theme, and both are remembered", async ({ page }) => {
  await page.goto("/learn");
  await appReady(page);
  await page.getByLabel("Language").selectOption("zh-CN");
  await expect(page.getByRole("link", { name: "学习" })).toBeVisible();
  const toggle = page.getByRole("button", { name: /切换到(深色|浅色)主题/ });
  const before = await page.locator("html").getAttribute("data-theme");
  await toggle.click();
  const after = await page.locator("html").getAttribute("data-theme");
  expect(after).not.toBe(before);
  expect(["light", "dark"]).toContain(after);
  await page.reload();
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.locator("html")).toHaveAttribute("data-theme", after!);
});

test("the language menu names only the language in use in the first frame, then every language", async ({ page }) => {
  // What the menu held in the frame that first showed the page's heading: laying out another
  // script's name there ("简体中文" on an English page) costs that frame a search of the system's
  // fonts (docs/performance.md).
  await page.addInitScript(() => {
    new MutationObserver((_, observer) => {
      if (!document.querySelector("h1")) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const menu = document.querySelector("#language-select")!;
        const options = [...menu.querySelectorAll("option")];
        (window as any).firstFrameOptions = options.map((o) => `${o.value}:${o.selected}:${o.textContent}`);
        (window as any).firstFrameWidth = menu.getBoundingClientRect().width;
      });
    }).observe(document, { childList: true, subtree: true });
  });
  // Found by id: its label is in the language in use.
  const menu = page.locator("#language-select");
  for (const [tag, name, other] of [
    ["en", "English", "zh-CN"],
    ["zh-CN", "简体中文", "en"],
  ]) {
    await page.goto("/");
    await appReady(page);
    expect(await page.evaluate(() => (window as any).firstFrameOptions)).toEqual(
      tag === "en" ? ["en:true:English", "zh-CN:false:"] : ["en:false:", "zh-CN:true:简体中文"],
    );
    await expect(menu.locator("option")).toHaveText(["English", "简体中文"]);
    await expect(menu).toHaveValue(tag);
    await expect(menu.locator("option:checked")).toHaveText(name);
    // Nothing in the header moved when the other languages arrived.
    expect(await menu.evaluate((el) => el.getBoundingClientRect().width)).toBe(await page.evaluate(() => (window as any).firstFrameWidth));
    await menu.selectOption(other);
    await expect(page.locator("html")).toHaveAttribute("lang", other);
    await expect(menu).toHaveValue(other);
  }
});

test("a second tab sees a change without reloading", async ({ context }) => {
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto("/profile");
  await second.goto("/");
  await appReady(first);
  await appReady(second);
  await expect(second.locator("html")).toHaveAttribute("lang", "en");

  await new ProfilePage(first).chooseLanguage("简体中文");
  await new ProfilePage(first).chooseTheme(/^Dark$|^深色$/);
  await expect(second.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(second.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(second.getByRole("heading", { level: 1 })).toHaveText("让组织中的每个角色都能熟练运用 AI");
});
