import { defineConfig } from "@playwright/test";

// Journeys run against the release build in dist/, served on loopback by the same kind of static
// server a real host would be (SPA fallback, application/wasm). Chromium comes from Debian's package:
// Playwright never downloads a browser here.
const port = Number(process.env.FLUENCY_E2E_PORT ?? 8090);
// The real LRS (Ralph) that scripts/test.sh starts; the served page's policy allows connecting to it,
// as a deployment that configured an LRS must (docs/deploy.md, docs/security.md).
const ralphPort = Number(process.env.RALPH_PORT ?? 8100);

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 7_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "off",
    // The service worker would answer requests from its cache, past the mocks some journeys set
    // up; the specs that test it (offline, update) allow it.
    serviceWorkers: "block",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update"],
    },
  },
  webServer: {
    command: `node ../tools/serve-dist.mjs ../dist ${port}`,
    env: { FLUENCY_CONNECT_SRC: `http://127.0.0.1:${ralphPort}` },
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 20_000,
  },
});
