// Benchmark: a manager loads 100,000 statements from a real LRS (Ralph, filesystem backend) on the
// Team page, in headless Chromium. The statements (1,000 learners, 100 each, shaped as Fluency sends
// them) are generated here and posted through Ralph's xAPI API. The page reports how long the load
// took (requests and reading, from the first request to the last page) and how long adding the
// statements up took (parsing, rebuilding each learner's progress, filing the summaries).
// Writes bench/lrs.json. Run with `make bench` or `node end2end/lrs-bench.mjs`.
//
// Settings: RALPH_PORT (default 8100), LRS_BENCH_PORT for the page (default 8099),
// LRS_BENCH_STATEMENTS (default 100000), LRS_BENCH_PAGE (Ralph's
// RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT, default 10000), LRS_BENCH_RUNS (default 3).
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { RALPH_ENDPOINT, RALPH_PORT, USERS, postStatements } from "./lib/ralph.mjs";

const root = fileURLToPath(new URL("../", import.meta.url));
const PORT = Number(process.env.LRS_BENCH_PORT ?? 8099);
const COUNT = Number(process.env.LRS_BENCH_STATEMENTS ?? 100_000);
const PAGE = Number(process.env.LRS_BENCH_PAGE ?? 10_000);
const RUNS = Number(process.env.LRS_BENCH_RUNS ?? 3);
const PER_LEARNER = 100;
const BATCH = 2_000;
const BASE = "https://bench.example.org";
const HOME = "https://intranet.example.org";
const pack = JSON.parse(readFileSync(root + "public/packs/fluency-core.json", "utf8"));

const ralph = (command, env = {}) =>
  execFileSync(root + "scripts/ralph.sh", [command], {
    env: { ...process.env, RALPH_PORT: String(RALPH_PORT), ...env },
    stdio: ["ignore", "inherit", "inherit"],
  });

/** What a learner does, in the order Fluency's statements would come: units, check, scenarios,
 * module completion, module after module, then a track's final. */
function* records() {
  for (const track of pack.tracks) {
    for (const module of track.modules) {
      for (const unit of module.units) yield { verb: "completed", kind: "unit", item: unit.id, title: unit.title, parent: ["module", module.id] };
      yield { verb: "passed", kind: "check", item: module.id, title: `Knowledge check: ${module.title}`, parent: ["module", module.id], score: [5, 6] };
      for (const scenario of module.scenarios) {
        yield { verb: "passed", kind: "scenario", item: scenario.id, title: scenario.title, parent: ["module", module.id], score: [scenario.questions.length, scenario.questions.length] };
      }
      yield { verb: "completed", kind: "module", item: module.id, title: module.title, parent: ["track", track.id] };
    }
    yield { verb: "passed", kind: "final", item: track.id, title: `Final assessment: ${track.title}`, parent: ["track", track.id], score: [9, 10] };
  }
}
const plan = [...records()];

const activities = `${BASE}/xapi/activities/${pack.id}`;
const types = {
  unit: "http://adlnet.gov/expapi/activities/lesson",
  check: "http://adlnet.gov/expapi/activities/assessment",
  scenario: "http://adlnet.gov/expapi/activities/simulation",
  module: "http://adlnet.gov/expapi/activities/module",
  final: "http://adlnet.gov/expapi/activities/assessment",
};

function statement(learner, record, at) {
  const s = {
    id: randomUUID(),
    actor: { objectType: "Agent", name: `Learner ${learner}`, account: { homePage: HOME, name: `learner-${learner}` } },
    verb: { id: `http://adlnet.gov/expapi/verbs/${record.verb}`, display: { "en-US": record.verb } },
    object: {
      objectType: "Activity",
      id: `${activities}/${pack.version}/${pack.language}/${record.kind}/${record.item}`,
      definition: { type: types[record.kind], name: { [pack.language]: record.title } },
    },
    result: { completion: true },
    context: {
      revision: pack.version,
      platform: "Fluency",
      language: pack.language,
      contextActivities: {
        parent: [{ objectType: "Activity", id: `${activities}/${pack.version}/${pack.language}/${record.parent[0]}/${record.parent[1]}` }],
        grouping: [
          { objectType: "Activity", id: `${activities}/${record.kind}/${record.item}` },
          { objectType: "Activity", id: activities },
        ],
      },
      extensions: {
        [`${BASE}/xapi/extensions/learner-key`]: `did:key:zBench${learner}`,
        [`${BASE}/xapi/extensions/team`]: `Team ${learner % 25}`,
      },
    },
    timestamp: new Date(at).toISOString(),
  };
  if (record.score) {
    const [raw, max] = record.score;
    s.result = { score: { scaled: raw / max, raw, min: 0, max }, success: true, completion: true };
  }
  return s;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const origin = `http://127.0.0.1:${PORT}`;
ralph("stop");
ralph("start", { RALPH_MAX_HITS: String(PAGE), RALPH_ORIGINS: origin });
let server;
let browser;
try {
  // Generate and post.
  const learners = Math.ceil(COUNT / PER_LEARNER);
  const now = Date.now();
  let sent = 0;
  let bytes = 0;
  const postStart = Date.now();
  let batch = [];
  for (let learner = 0; learner < learners && sent < COUNT; learner++) {
    for (let i = 0; i < PER_LEARNER && sent < COUNT; i++) {
      const record = plan[i % plan.length];
      batch.push(statement(learner, record, now - 90 * 86_400_000 + learner * 60_000 + i * 1_000));
      sent++;
      if (batch.length === BATCH) {
        bytes += JSON.stringify(batch).length;
        await postStatements(batch);
        batch = [];
      }
    }
  }
  if (batch.length) {
    bytes += JSON.stringify(batch).length;
    await postStatements(batch);
  }
  const postSeconds = (Date.now() - postStart) / 1000;
  console.log(`posted ${sent} statements (${(bytes / 1e6).toFixed(1)} MB) for ${learners} learners to Ralph in ${postSeconds.toFixed(1)} s`);

  // Serve the site with a configuration for this Ralph, as a deployment would.
  const dir = mkdtempSync(tmpdir() + "/fluency-lrs-bench-");
  const config = `${dir}/fluency.config.json`;
  writeFileSync(config, JSON.stringify({
    organisation: "Bench Ltd", accountHomePage: HOME, activityBase: BASE,
    lrs: { endpoint: RALPH_ENDPOINT, username: USERS.learner.username, password: USERS.learner.password },
  }));
  server = spawn("node", [root + "tools/serve-dist.mjs", root + "dist", String(PORT)], {
    stdio: "ignore",
    env: { ...process.env, FLUENCY_CONFIG: config, FLUENCY_CONNECT_SRC: `http://127.0.0.1:${RALPH_PORT}` },
  });
  await new Promise((r) => setTimeout(r, 800));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
  });
  const runs = [];
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${origin}/team`);
    const panel = page.getByRole("region", { name: "Load from the learning record store" });
    await panel.getByLabel("User name").fill(USERS.manager.username);
    await panel.getByLabel("Password").fill(USERS.manager.password);
    await panel.getByRole("button", { name: "Load records" }).click();
    const status = panel.locator(".lrs-status[data-statements]");
    await status.waitFor({ timeout: 15 * 60_000 });
    const figures = {
      statements: Number(await status.getAttribute("data-statements")),
      loadMs: Number(await status.getAttribute("data-load-ms")),
      aggregateMs: Number(await status.getAttribute("data-aggregate-ms")),
    };
    if (figures.statements !== sent) throw new Error(`the page loaded ${figures.statements} statements, not ${sent}`);
    figures.statementsPerSecond = Math.round(figures.statements / (figures.loadMs / 1000));
    console.log(`run ${run + 1}: ${figures.statements} statements in ${(figures.loadMs / 1000).toFixed(1)} s (${figures.statementsPerSecond}/s), added up in ${figures.aggregateMs} ms`);
    runs.push(figures);
    await context.close();
  }
  const result = {
    measured: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavg: loadavg() },
    lrs: "Ralph 5.1.0 (ralph-malph), filesystem backend, on loopback",
    pageSize: PAGE,
    pageSizeSetting: `RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT=${PAGE}`,
    statements: sent,
    learners,
    postSeconds,
    runs,
    median: {
      loadMs: median(runs.map((r) => r.loadMs)),
      statementsPerSecond: median(runs.map((r) => r.statementsPerSecond)),
      aggregateMs: median(runs.map((r) => r.aggregateMs)),
    },
  };
  mkdirSync(root + "bench", { recursive: true });
  writeFileSync(root + "bench/lrs.json", JSON.stringify(result, null, 2) + "\n");
  console.log(`median: ${result.median.statementsPerSecond} statements/s, added up in ${result.median.aggregateMs} ms (bench/lrs.json)`);
} finally {
  await browser?.close();
  server?.kill();
  ralph("stop");
}
