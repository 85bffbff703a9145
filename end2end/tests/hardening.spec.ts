// Whole kinds of faults, each pinned by what a user sees: nothing stored is hidden (restore, full
// storage), text from people is shown as text (bidi isolation, long names), calendar days belong to
// the viewer's time zone, printing is dark on white, and enormous or lying inputs are refused with
// a reason. See issue #13.
import { test, expect, appReady, seedStorage, envelope, expectNoAxeViolations } from "./fixtures/app";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { sign, randomBytes } from "node:crypto";
import type { Locator, Page } from "@playwright/test";

const pack = JSON.parse(readFileSync(fileURLToPath(new URL("../../public/packs/fluency-core.json", import.meta.url)), "utf8"));
const RLO = "\u202E";

/** Whether a text node's characters are laid out left to right: its first character sits left of its last. */
async function readsLeftToRight(scope: Locator, text: string): Promise<boolean> {
  return scope.evaluate((root, text) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent!.indexOf(text);
      if (at < 0) continue;
      const rect = (i: number) => {
        const range = document.createRange();
        range.setStart(node!, i);
        range.setEnd(node!, i + 1);
        return range.getBoundingClientRect();
      };
      return rect(at).left < rect(at + text.length - 1).left;
    }
    throw new Error(`no text node holds ${text}`);
  }, text);
}

/** A certificate signed in Node the way `credential::sign` does (sorted-key JSON, Ed25519, did:key). */
function signedCertificate(claims: Record<string, unknown>) {
  const { canonical, learnerKey } = requireLib();
  const { key, did } = learnerKey(randomBytes(32));
  const body = { ...claims, issuer: did };
  const signature = sign(null, Buffer.from(canonical(body), "utf8"), key).toString("base64url");
  return { claims: body, signature };
}

let lib: typeof import("../lib/team-reports.mjs") | undefined;
function requireLib() {
  if (!lib) throw new Error("lib not loaded");
  return lib;
}
test.beforeAll(async () => {
  lib = await import("../lib/team-reports.mjs");
});

function claims(name: string, track = pack.tracks[0], modules = 0) {
  return {
    id: "3f2a8c1e-5b7d-4e9a-8c6f-0d1e2f3a4b5c",
    learner_name: name,
    track_id: track.id,
    track_title: track.title,
    pack_id: pack.id,
    pack_version: pack.version,
    pack_hash: requireLib().packHash(pack),
    issued_at: Date.now() - 86_400_000,
    expires_at: Date.now() + 400 * 86_400_000,
    scores: Object.fromEntries(Array.from({ length: modules }, (_, i) => [`check:module-with-a-long-id-${i}`, 100])),
    evidence: "Every required module completed.",
    self_attested: true,
    ...(modules > 0
      ? { module_hashes: Object.fromEntries(Array.from({ length: modules }, (_, i) => [`module-with-a-long-id-${i}`, randomBytes(8).toString("hex")])) }
      : {}),
  };
}

const fragment = (certificate: unknown) => Buffer.from(JSON.stringify(certificate)).toString("base64url");

test.describe("1. nothing the learner has is hidden or dropped", () => {
  test("a restore brings back the profile, shown in the preview", async ({ page }) => {
    await page.goto("/profile");
    await appReady(page);
    const backup = {
      kind: "fluency-backup", version: 1, exported_at: Date.now(),
      profile: { display_name: "Mei Lin", role: "learner", language: "zh-CN", theme: "dark", path: "technical" },
      progress: {}, certificates: { issued: [] },
    };
    await page.getByLabel("Restore from a backup file").setInputFiles({ name: "backup.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(backup)) });
    const preview = page.locator(".import-preview");
    await expect(preview).toContainText("Your profile: Display name: Mei Lin");
    await expect(preview).toContainText("Role: I'm learning");
    await preview.getByRole("button", { name: "Import" }).click();
    // The profile is back: the language and theme apply at once, and Learn shows the path.
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    const stored = JSON.parse((await page.evaluate(() => localStorage.getItem("fluency.profile")))!);
    expect(stored.data).toMatchObject({ display_name: "Mei Lin", role: "learner", path: "technical", language: "zh-CN", theme: "dark" });
    await page.goto("/learn");
    await expect(page.getByRole("heading", { name: "你的学习路径" })).toBeVisible();
    await expect(page.getByText("选择你的学习路径")).toHaveCount(0);
  });

  test("storage already full at start: what is stored is shown, and the page says storage is full", async ({ page, context }) => {
    await context.addInitScript((profile) => {
      if (sessionStorage.getItem("__filled")) return;
      sessionStorage.setItem("__filled", "1");
      localStorage.clear();
      localStorage.setItem("fluency.profile", profile);
      // Another key of the same origin takes every byte that is left.
      let chunk = "x".repeat(1 << 20);
      let n = 0;
      while (chunk.length > 0) {
        try {
          localStorage.setItem(`other-app.${n}`, chunk);
          n += 1;
        } catch {
          chunk = chunk.slice(0, Math.floor(chunk.length / 2));
        }
      }
    }, envelope({ display_name: "Ana", role: "learner", language: "en", theme: "light", path: "frontline" }, 2));
    await page.goto("/learn");
    await appReady(page);
    await expect(page.getByRole("heading", { name: "Your path" })).toBeVisible();
    await expect(page.getByText("Choose your path")).toHaveCount(0);
    await expect(page.getByText(/storage for Fluency is full/)).toBeVisible();
    await expect(page.getByText(/blocks local storage/)).toHaveCount(0);
  });
});

test.describe("2. text from people is shown as text", () => {
  test("a name ending in U+202E cannot turn the verify line around", async ({ page }) => {
    const certificate = signedCertificate(claims(`Dana Reyes${RLO}`));
    await page.goto(`/verify#${fragment(certificate)}`);
    await appReady(page);
    const line = page.locator(".learner-line");
    await expect(line).toContainText("Dana Reyes");
    expect(await readsLeftToRight(line, pack.tracks[0].title)).toBe(true);
  });

  test("the Team name-clash warning stays readable, and look-alike names clash", async ({ page }) => {
    const { makeReport, signReport, learnerKey } = requireLib();
    const now = Date.now();
    const first = signReport(makeReport(pack, { name: "José Núñez", done: 1, producedAt: now - 10 }), learnerKey(randomBytes(32)));
    const decomposed = signReport(makeReport(pack, { name: `Jose\u0301 Nu\u0301n\u0303ez${RLO}`, done: 1, producedAt: now - 5 }), learnerKey(randomBytes(32)));
    await page.goto("/team");
    await appReady(page);
    await page.getByLabel("Report files (you can choose many)").setInputFiles([
      { name: "a.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(first)) },
      { name: "b.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(decomposed)) },
    ]);
    const warning = page.locator(".import-results .warning-text");
    await expect(warning).toHaveCount(1);
    await expect(warning).toContainText("already known with a different signing key");
    expect(await readsLeftToRight(warning, "Check with the learner")).toBe(true);
    // Search finds both spellings.
    await page.getByLabel("Search names, teams and e-mails").fill("NU\u0301N\u0303EZ");
    await expect(page.getByText(`${2 * pack.tracks.length} rows match`)).toBeVisible();
    await expectNoAxeViolations(page, "/team with import results");
  });

  test("a 10,000-character name keeps the roster within the screen, whole in its title", async ({ page, context }) => {
    const name = "A".repeat(10_000);
    await seedStorage(context, {
      "fluency.profile": envelope({ display_name: "", role: "manager", language: "en", theme: "light", path: null }, 2),
      "fluency.team": envelope({ modules: [], tracks: [], members: { "did:key:zLong": { n: name, t: "Ops", p: 1, a: 0, d: [], b: [], c: [], x: [] } }, due: {} }),
    });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto("/team");
    await appReady(page);
    const table = page.locator("table.roster");
    await expect(table.locator("tbody tr").first()).toBeVisible();
    expect(await table.evaluate((t) => t.scrollWidth)).toBeLessThan(2_000);
    await expect(table.locator("tbody th bdi").first()).toHaveAttribute("title", name);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });

  test("a unit that is one 60,000-character line wraps in the reader", async ({ page }) => {
    const example = JSON.parse(readFileSync(fileURLToPath(new URL("../../docs/examples/tiny-pack.json", import.meta.url)), "utf8"));
    example.id = "long-line-pack";
    const module = example.tracks[0].modules[0];
    module.units.push({ ...module.units[0], id: "long-line", title: "Long line", body: "x".repeat(60_000) });
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto("/learn/open");
    await appReady(page);
    await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name: "long.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(example)) });
    await page.getByRole("navigation", { name: "Pack contents" }).getByRole("button", { name: "Long line" }).click();
    await expect(page.locator("main .prose")).toContainText("xxxxxxxxxx");
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  });
});

test.describe("3. calendar days belong to the viewer's time zone", () => {
  // Every case below has a due date of 2026-12-15 on the first track.
  async function teamWithDue(page: Page, context: import("@playwright/test").BrowserContext) {
    await seedStorage(context, {
      "fluency.profile": envelope({ display_name: "", role: "manager", language: "en", theme: "light", path: null }, 2),
      "fluency.team": envelope({
        modules: [], tracks: [pack.tracks[0].id],
        members: { "did:key:zDue": { n: "Ana", t: "Ops", p: 1, a: 0, d: [], b: [], c: [10], x: [0] } },
        due: { [pack.tracks[0].id]: Date.UTC(2026, 11, 15) },
      }),
    });
    await page.goto("/team");
    await appReady(page);
    await expect(page.locator("table.roster tbody tr").first()).toBeVisible();
    await page.locator("#roster-track").selectOption({ label: pack.tracks[0].title });
    return page.locator("table.roster tbody tr").first();
  }

  test.describe("Los Angeles, 17:00 on the due day", () => {
    test.use({ timezoneId: "America/Los_Angeles" });
    test("is not overdue yet", async ({ page, context }) => {
      await page.clock.setFixedTime(new Date("2026-12-15T17:00:00-08:00"));
      const row = await teamWithDue(page, context);
      await expect(row).toContainText("Ana");
      await expect(row).not.toContainText("Overdue");
    });
  });

  test.describe("Auckland, noon the day after", () => {
    test.use({ timezoneId: "Pacific/Auckland" });
    test("is overdue", async ({ page, context }) => {
      await page.clock.setFixedTime(new Date("2026-12-16T12:00:00+13:00"));
      const row = await teamWithDue(page, context);
      await expect(row).toContainText("Overdue");
    });
  });

  /** Progress with a unit completed at each instant. */
  function progressAt(times: number[]) {
    const units: Record<string, number> = {};
    times.forEach((t, i) => { units[pack.tracks[0].modules[0].units[i].id] = t; });
    return envelope({ pack_id: "fluency-core", pack_version: pack.version, units, attempts: {}, position: null, placement: null });
  }

  async function streak(page: Page, context: import("@playwright/test").BrowserContext, now: string, times: string[]) {
    await page.clock.setFixedTime(new Date(now));
    await seedStorage(context, {
      "fluency.profile": envelope({ display_name: "", role: "learner", language: "en", theme: "light", path: "frontline" }, 2),
      "fluency.progress.fluency-core": progressAt(times.map((t) => Date.parse(t))),
    });
    await page.goto("/learn");
    await appReady(page);
    const stat = page.locator(".stat").filter({ hasText: "Days in a row" });
    await expect(stat).toBeVisible();
    return (await stat.locator("dd").textContent())!.trim();
  }

  test.describe("New York across the spring-forward change", () => {
    test.use({ timezoneId: "America/New_York" });
    test("7 and 9 March are not consecutive days", async ({ page, context }) => {
      expect(await streak(page, context, "2026-03-09T11:00:00-04:00", ["2026-03-07T23:30:00-05:00", "2026-03-09T10:00:00-04:00"])).toBe("1");
    });
    test("7 and 8 March are", async ({ page, context }) => {
      expect(await streak(page, context, "2026-03-09T11:00:00-04:00", ["2026-03-07T23:30:00-05:00", "2026-03-08T12:00:00-04:00"])).toBe("2");
    });
  });

  test.describe("Amsterdam across the spring-forward change", () => {
    test.use({ timezoneId: "Europe/Amsterdam" });
    test("28 and 30 March are not consecutive days", async ({ page, context }) => {
      expect(await streak(page, context, "2026-03-30T11:00:00+02:00", ["2026-03-28T23:30:00+01:00", "2026-03-30T10:00:00+02:00"])).toBe("1");
    });
  });

  test.describe("Auckland across the fall-back change", () => {
    test.use({ timezoneId: "Pacific/Auckland" });
    test("activity just after midnight on 5 April counts as yesterday on the 6th", async ({ page, context }) => {
      expect(await streak(page, context, "2026-04-06T10:00:00+12:00", ["2026-04-05T00:30:00+13:00"])).toBe("1");
    });
  });

  test.describe("Tongatapu, UTC+13", () => {
    test.use({ timezoneId: "Pacific/Tongatapu" });
    test("the roster shows the activity date in the viewer's calendar", async ({ page, context }) => {
      await page.clock.setFixedTime(new Date("2026-07-01T12:00:00+13:00"));
      await seedStorage(context, {
        "fluency.profile": envelope({ display_name: "", role: "manager", language: "en", theme: "light", path: null }, 2),
        "fluency.team": envelope({ modules: [], tracks: [], members: { "did:key:zT": { n: "Sione", t: "", p: 1, a: Date.parse("2026-06-30T11:30:00Z"), d: [], b: [], c: [], x: [] } }, due: {} }),
      });
      await page.goto("/team");
      await appReady(page);
      await expect(page.locator("table.roster tbody tr").first()).toContainText("2026-07-01");
    });
  });
});

test.describe("4. printing is dark on white", () => {
  /** Contrast of every text element under `selector` against its nearest painted background, as printed. */
  async function printedContrast(page: Page, selector: string) {
    await page.emulateMedia({ media: "print" });
    return page.evaluate((selector) => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
      };
      const background = (el: Element | null): number[] => {
        for (; el; el = el.parentElement) {
          const c = getComputedStyle(el).backgroundColor;
          if (!/rgba\(.*,\s*0\)$/.test(c) && c !== "transparent") return parse(c);
        }
        return [255, 255, 255];
      };
      return [...document.querySelectorAll(selector)]
        .filter((el) => getComputedStyle(el).display !== "none" && el.textContent!.trim() !== "")
        .map((el) => {
          const fg = lum(parse(getComputedStyle(el).color));
          const rgb = background(el);
          const bg = lum(rgb);
          return { text: el.textContent!.trim().slice(0, 30), ratio: (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05), bg: rgb };
        });
    }, selector);
  }

  test("the certificate prints dark on white in the dark theme", async ({ page, context }) => {
    const certificate = signedCertificate(claims("Amara Okafor"));
    await seedStorage(context, {
      "fluency.profile": envelope({ display_name: "", role: "learner", language: "en", theme: "dark", path: null }, 2),
      "fluency.certificates": envelope({ issued: [certificate] }),
    });
    await page.goto(`/certificates/${certificate.claims.id}`);
    await appReady(page);
    await expect(page.locator(".certificate .learner")).toContainText("Amara Okafor");
    const contrast = await printedContrast(page, ".certificate p, .certificate h1, .certificate dt");
    expect(contrast.length).toBeGreaterThan(5);
    for (const { text, ratio, bg } of contrast) {
      expect(ratio, `contrast of "${text}"`).toBeGreaterThanOrEqual(4.5);
      expect(bg, `background of "${text}"`).toEqual([255, 255, 255]);
    }
  });

  test("the Team print view prints dark on white in the dark theme", async ({ page, context }) => {
    await seedStorage(context, {
      "fluency.profile": envelope({ display_name: "", role: "manager", language: "en", theme: "dark", path: null }, 2),
      "fluency.team": envelope({ modules: [], tracks: [], members: { "did:key:zP": { n: "Ana", t: "Ops", p: 1, a: 0, d: [], b: [], c: [], x: [] } }, due: {} }),
    });
    await page.goto("/team");
    await appReady(page);
    await expect(page.locator("table.roster tbody tr").first()).toBeVisible();
    const contrast = await printedContrast(page, "main h1, main h2, main p, table.roster th, table.roster td");
    expect(contrast.length).toBeGreaterThan(5);
    for (const { text, ratio } of contrast) expect(ratio, `contrast of "${text}"`).toBeGreaterThanOrEqual(4.5);
  });
});

test.describe("5. enormous or lying inputs", () => {
  test("a 30 MB bundle of zeros is refused with a reason, not a frozen page", async ({ page }) => {
    test.setTimeout(60_000);
    await page.goto("/team");
    await appReady(page);
    const zeros = Buffer.from(`[${"0,".repeat(15_000_000 - 1)}0]`);
    await page.getByLabel("Report files (you can choose many)").setInputFiles({ name: "zeros.json", mimeType: "application/json", buffer: zeros });
    await expect(page.getByText("Entry 1 of this file is 0, not a report.", { exact: false })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText("0 added, 0 updated, 1 rejected")).toBeVisible();
  });

  test("a report dated a year ahead is flagged and a genuine one still replaces it", async ({ page }) => {
    const { makeReport, signReport, learnerKey } = requireLib();
    const key = learnerKey(randomBytes(32));
    const now = Date.now();
    const future = signReport(makeReport(pack, { name: "Kai", done: 1, producedAt: now + 365 * 86_400_000 }), key);
    const today = signReport(makeReport(pack, { name: "Kai", done: 2, producedAt: now }), key);
    await page.goto("/team");
    await appReady(page);
    const files = page.getByLabel("Report files (you can choose many)");
    await files.setInputFiles({ name: "future.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(future)) });
    await expect(page.getByText(/later than this computer's clock/)).toBeVisible();
    await files.setInputFiles({ name: "today.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(today)) });
    await expect(page.getByText("0 added, 1 updated, 0 rejected")).toBeVisible();
  });

  test("a certificate whose link is too long for a QR code does not promise one", async ({ page, context }) => {
    const certificate = signedCertificate(claims("Amara Okafor", pack.tracks[0], 40));
    await seedStorage(context, {
      "fluency.profile": envelope({ display_name: "", role: "learner", language: "en", theme: "light", path: null }, 2),
      "fluency.certificates": envelope({ issued: [certificate] }),
    });
    await page.goto(`/certificates/${certificate.claims.id}`);
    await appReady(page);
    await expect(page.locator(".certificate .learner")).toBeVisible();
    await expect(page.getByText(/Scan to check/)).toHaveCount(0);
    await expect(page.getByText(/too long for a QR code/)).toBeVisible();
    await expect(page.locator(".qr-code")).toHaveCount(0);
  });

  test("a pack file that is a list says what it found", async ({ page }) => {
    await page.goto("/learn/open");
    await appReady(page);
    await page.getByLabel("Pack file", { exact: true }).setInputFiles({ name: "list.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify([pack])) });
    await expect(page.getByRole("alert")).toContainText("This file holds […], not a pack.");
    await expect(page.getByRole("alert")).not.toContainText("trailing characters");
  });
});

test.describe("axe on empty states", () => {
  for (const language of ["en", "zh-CN"]) {
    test(`/learn with a path and no activity (${language})`, async ({ page, context }) => {
      await seedStorage(context, {
        "fluency.profile": envelope({ display_name: "", role: "learner", language, theme: "light", path: "technical" }, 2),
      });
      await page.goto("/learn");
      await appReady(page);
      await expect(page.locator(".path")).toBeVisible();
      await expect(page.locator("ul.recent")).toHaveCount(0);
      await expectNoAxeViolations(page, `/learn empty (${language})`);
    });
  }
});
