// Byte budgets for the release build in dist/. Sizes are deterministic for a given build, so they
// are asserted here; load times are measured by `make bench` instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { shellFiles, chunkFiles, areaStyleFiles, wasmDir } from "../dist-files.mjs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
const gz = (f) => gzipSync(readFileSync(dist + f), { level: 9 }).length;
const sum = (list) => list.reduce((n, f) => n + gz(f), 0);
const KB = 1024;
const shell = shellFiles(dist);
const chunks = chunkFiles(dist);

// The shell (wasm + js + css of the first page load) is at most 150 KB gzip. It measured 142.1 KB on
// 2026-11-24, once the areas loaded as wasm chunks on first use and Leptos' router moved into them
// (see docs/performance.md); before the split the first load was 889 KB.
const SHELL_BUDGET = 150 * KB;
// Everything, shell and chunks: what a visitor downloads who opens every area. Its history, measured
// on release builds (gzip -9 of every shell file and chunk):
//   1,100 KB  the ceiling the area split left (1,019 KB measured on 2026-11-24);
//   +44 KB    issue #13: the Team area compares names as text (NFC from unicode-normalization's
//             canonical tables, about 28 KB; general category Cf from unicode-properties, 16 KB);
//   +100 KB   issue #16, learning records: consent and the Profile panel, the outbox and its sender
//             in the chunk every area shares, the Team page's load from an LRS;
//   +21 KB    issue #17, spaced review: rs-fsrs and chrono, measured alone in the floor app
//             (rs-fsrs 16.9 KB, of which 7.6 KB is f64 formatting for its seed; chrono 4.6 KB);
//             the Review page and recall per objective on top;
//   1,387.5 KB measured on main with #12 (the item linter in the Studio), #15 (editions, the
//             Studio's translation view, the locale files) and the above, 2026-11-30;
//   1,440.6 KB measured with issue #14 (+53 KB in area chunks: safekeeping rules and the Profile
//             views, the automatic backup file, pack parts and the outline, the update notice).
// The ceiling leaves about 3% above the last measurement: a feature that needs more says so here.
const TOTAL_CEILING = 1480 * KB;

test("the release build has a shell and lazily loaded area chunks", () => {
  for (const file of shell) assert.ok(readFileSync(dist + file).length > 0, file);
  assert.ok(shell.some((f) => f.endsWith(".css")));
  assert.ok(shell.some((f) => /^boot-/.test(f)));
  const areas = chunks.filter((f) => /\/split_\w+_area\b/.test(f)).map((f) => f.match(/split_(\w+)_area\b/)[1]);
  assert.deepEqual(areas.sort(), ["certificates", "learn", "profile", "studio", "team"]);
});

test("the shell is at most 150 KB gzip", () => {
  const bytes = sum(shell);
  console.log(`shell: ${(bytes / KB).toFixed(1)} KB gzip (budget ${SHELL_BUDGET / KB} KB)`);
  assert.ok(bytes <= SHELL_BUDGET, `the shell is ${(bytes / KB).toFixed(1)} KB gzip, over ${SHELL_BUDGET / KB} KB`);
});

test("Leptos' router travels with the areas, not in the shell", () => {
  // Panic locations name the source file of the code they sit in: the router's appear only in
  // chunks. If the shell used the router again, its code (about 45 KB gzip with its async
  // machinery) would come back into the first download.
  const main = readFileSync(dist + shell.find((f) => f.endsWith("_bg.wasm")));
  assert.equal(main.includes("leptos_router-"), false, "the main module carries leptos_router code");
  assert.ok(chunks.some((f) => readFileSync(dist + f).includes("leptos_router-")), "no chunk carries the router");
});

test("all app bytes stay under their ceiling", () => {
  const bytes = sum(shell) + sum(chunks);
  console.log(`shell and every chunk: ${(bytes / KB).toFixed(1)} KB gzip (ceiling ${TOTAL_CEILING / KB} KB)`);
  assert.ok(bytes <= TOTAL_CEILING, `the app is ${(bytes / KB).toFixed(1)} KB gzip, over ${TOTAL_CEILING / KB} KB`);
});

test("the index page loads the shell and nothing inline", () => {
  const html = readFileSync(dist + "index.html", "utf8");
  // The boot script registers sw.js.
  const linked = shell.filter((f) => f !== "sw.js");
  for (const file of linked) assert.ok(html.includes(`/${file}`), file);
  assert.equal(/<script(?![^>]*\bsrc=)[^>]*>/.test(html), false, "inline script in index.html");
  assert.equal(html.includes("data-trunk"), false, "Trunk markup left in index.html");
});

test("the main module's preloads come before the policy, and every script after it", () => {
  // Chromium's preload scanner holds back fetches found after a policy <meta> (docs/security.md).
  const html = readFileSync(dist + "index.html", "utf8");
  const policy = html.search(/<meta\b[^>]*Content-Security-Policy/i);
  assert.ok(policy > 0, "no Content-Security-Policy <meta>");
  const before = html.slice(0, policy);
  const after = html.slice(policy);
  const tags = before.match(/<(?:link|script|style|img|iframe|object|embed|base)\b[^>]*>/gi) ?? [];
  assert.ok(tags.some((t) => /rel="?preload"?[^>]*fluency_bg\.wasm/.test(t)), "the wasm preload is not ahead of the policy");
  assert.ok(tags.some((t) => /rel="?modulepreload"?[^>]*fluency\.js/.test(t)), "the glue's preload is not ahead of the policy");
  for (const tag of tags) assert.match(tag, /^<link rel="?(?:modulepreload|preload)"? href="?\/(?:wasm-[0-9a-f]+\/|boot-[0-9a-f]+\.js)/, `only the build's preloads may precede the policy: ${tag}`);
  assert.match(after, /<script type="?module"? async src="?\/boot-[0-9a-f]+\.js/, "the boot script is not after the policy");
});

test("the app starts from one glue module", () => {
  // tools/build-wasm.mjs step 3b: the chunk loader and the JS snippets are bundled into the glue.
  const dir = wasmDir(dist);
  const modules = readdirSync(dist + dir, { recursive: true }).filter((f) => f.endsWith(".js"));
  assert.deepEqual(modules, ["fluency.js"]);
  const glue = readFileSync(`${dist}${dir}/fluency.js`, "utf8");
  assert.equal(/\bimport\s*[^(]*from\s*["']/.test(glue), false, "the glue still imports a module statically");
  assert.ok(glue.includes('new URL("./split_learn_area.wasm",import.meta.url)'), "the chunk loader is not in the glue");
});

test("the stylesheets only areas use wait for them", () => {
  // The boot script attaches them when an area's page opens; the home page does not wait for them.
  const html = readFileSync(dist + "index.html", "utf8");
  const area = areaStyleFiles(dist);
  assert.deepEqual(area.map((f) => f.replace(/-[0-9a-f]+\.css$/, "")).sort(), ["areas", "print", "studio", "team"]);
  for (const file of area) assert.ok(!shell.includes(file), file);
  const head = html.replace(/<template[\s\S]*?<\/template>/, "");
  for (const file of area) assert.equal(head.includes(file), false, `${file} is linked outside the template`);
});

test("css stays small", () => {
  assert.ok(sum(shell.filter((f) => f.endsWith(".css"))) <= 12 * KB);
});

// Raised from 50 KB with curriculum 1.1.0: each track gained an EU AI Act module, five-question
// scenarios and the missing topics (about 16,000 words a track, up from 8,000–10,000).
test("every track of every shipped pack is at most 80 KB gzip", () => {
  const packs = readdirSync(dist + "packs").filter((f) => f.endsWith(".json") && f !== "index.json" && f !== "history.json");
  assert.ok(packs.length > 0);
  for (const file of packs) {
    const pack = JSON.parse(readFileSync(dist + "packs/" + file, "utf8"));
    for (const track of pack.tracks) {
      const bytes = gzipSync(Buffer.from(JSON.stringify(track)), { level: 9 }).length;
      assert.ok(bytes <= 80 * KB, `${file} › ${track.id}: ${(bytes / KB).toFixed(1)} KB gzip`);
    }
  }
});

test("the curriculum is not compiled into the wasm", () => {
  // A sentence from the shipped pack must not appear in any module.
  const pack = JSON.parse(readFileSync(dist + "packs/fluency-core.json", "utf8"));
  const probe = Buffer.from(pack.tracks[0].modules[0].units[0].title);
  for (const file of [...shell, ...chunks].filter((f) => f.endsWith(".wasm"))) {
    assert.equal(readFileSync(dist + file).includes(probe), false, file);
  }
});

test("the area messages are not in the shell", () => {
  // The Studio's export button label is an area message (src/i18n.rs); the skip link is the shell's.
  const main = readFileSync(dist + shell.find((f) => f.endsWith("_bg.wasm")));
  assert.equal(main.includes(Buffer.from("Download pack file")), false);
  assert.equal(main.includes(Buffer.from("Skip to content")), true);
});

// The curriculum per track (domain::pack_parts): a track page fetches the outline and its track.
test("every listed pack and edition is served in parts, each small", () => {
  const manifest = JSON.parse(readFileSync(dist + "packs/index.json", "utf8"));
  const files = manifest.packs.flatMap((p) => [p.url, ...(p.editions ?? []).map((e) => e.url)]);
  assert.ok(files.length >= 2);
  for (const url of files) {
    const dir = dist + url.slice(1).replace(/\.json$/, "/");
    const outline = JSON.parse(readFileSync(dir + "outline.json", "utf8"));
    const outlineBytes = gz(url.slice(1).replace(/\.json$/, "/outline.json"));
    // An edition's outline also carries its translation record (a fingerprint per item), about 10 KB.
    assert.ok(outlineBytes <= 30 * KB, `${url} outline: ${(outlineBytes / KB).toFixed(1)} KB gzip`);
    for (const track of outline.pack.tracks) {
      const part = JSON.parse(readFileSync(`${dir}track-${track.id}.json`, "utf8"));
      assert.equal(part.hash, outline.hash, `${url} › ${track.id} belongs to the outline's pack`);
      assert.equal(part.track.id, track.id);
    }
  }
});

// Offline after one visit (tools/build-wasm.mjs, Workbox): the worker precaches the whole app.
test("the service worker precaches every file the app can load", () => {
  const sw = readFileSync(dist + "sw.js", "utf8");
  const cached = new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((m) => m[1]));
  const wanted = [...shell.filter((f) => f !== "sw.js"), ...chunks, ...areaStyleFiles(dist), "index.html", "manifest.webmanifest", "packs/index.json", "packs/history.json", "team-verify-worker.js", "backup-file.js"];
  for (const file of wanted) assert.ok(cached.has(file), `${file} is not precached`);
  for (const file of cached) {
    assert.ok(!/\.(gz|br)$/.test(file), `${file}: precompressed copies are the host's business`);
    assert.ok(readFileSync(dist + file).length > 0, file);
  }
  assert.ok([...cached].some((f) => /^packs\/[^/]+\/track-[\w-]+\.json$/.test(f)), "no track part is precached");
  assert.ok(sw.includes('"/index.html"') || sw.includes("index.html"), "no navigation fallback");
});
