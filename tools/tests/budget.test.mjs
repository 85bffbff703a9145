// Byte budgets for the release build in dist/. Sizes are deterministic for a given build, so they
// are asserted here; load times are measured by `make bench` instead.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));
const files = readdirSync(dist).filter((f) => /\.(wasm|js|css)$/.test(f));
const gz = (f) => gzipSync(readFileSync(dist + f), { level: 9 }).length;
const sum = (pattern) => files.filter((f) => pattern.test(f)).reduce((n, f) => n + gz(f), 0);
const KB = 1024;

// The app (wasm + js + css) as first loaded. The target is 150 KB gzip, which this single-module
// build does not meet (see docs/performance.md): every area ships in one wasm file. The ceiling below
// stops it from growing unnoticed until the areas are split into lazily loaded modules.
// 900 KB since the Studio editor (about 140 KB gzip) and the Team area (about 110 KB gzip) joined the
// one wasm module; the build measured 887 KB when they were merged. Loading areas lazily is the fix.
const SHELL_CEILING = 900 * KB;
const SHELL_TARGET = 150 * KB;

test("the release build has its wasm, js and css", () => {
  assert.equal(files.filter((f) => f.endsWith(".wasm")).length, 1);
  assert.ok(files.some((f) => f.endsWith(".js")));
  assert.ok(files.some((f) => f.endsWith(".css")));
});

test("app bytes stay under their ceiling", () => {
  const total = sum(/./);
  console.log(`app: ${(total / KB).toFixed(1)} KB gzip (target ${SHELL_TARGET / KB} KB, ceiling ${SHELL_CEILING / KB} KB)`);
  assert.ok(total <= SHELL_CEILING, `app is ${(total / KB).toFixed(1)} KB gzip, over ${SHELL_CEILING / KB} KB`);
});

test("css stays small", () => {
  assert.ok(sum(/\.css$/) <= 12 * KB);
});

test("every track of every shipped pack is at most 50 KB gzip", () => {
  const packs = readdirSync(dist + "packs").filter((f) => f.endsWith(".json") && f !== "index.json");
  assert.ok(packs.length > 0);
  for (const file of packs) {
    const pack = JSON.parse(readFileSync(dist + "packs/" + file, "utf8"));
    for (const track of pack.tracks) {
      const bytes = gzipSync(Buffer.from(JSON.stringify(track)), { level: 9 }).length;
      assert.ok(bytes <= 50 * KB, `${file} › ${track.id}: ${(bytes / KB).toFixed(1)} KB gzip`);
    }
  }
});

test("the curriculum is not compiled into the wasm", () => {
  const wasm = readFileSync(dist + files.find((f) => f.endsWith(".wasm")));
  // A sentence from the shipped pack must not appear in the binary.
  const pack = JSON.parse(readFileSync(dist + "packs/fluency-core.json", "utf8"));
  const probe = pack.tracks[0].modules[0].units[0].title;
  assert.equal(wasm.includes(Buffer.from(probe)), false);
});
