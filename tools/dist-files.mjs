// Which files of a release build (dist/) a browser downloads when, shared by the byte budget test
// and the benchmark so that both count the same thing.
//
// The shell is what the first page load needs: the stylesheets, the boot script (which also
// registers the service worker), the main wasm module with its wasm-bindgen glue (one module that
// also holds the chunk loader and the JS snippets), and the service worker itself (sw.js), which the first
// visit downloads too. Each area's code comes later, as wasm chunks under the same wasm-<hash>/
// directory (see tools/build-wasm.mjs).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

export const MAIN = ["fluency.js", "fluency_bg.wasm"];

/** The content-hashed directory that holds every wasm module and its glue. */
export function wasmDir(dist) {
  const dirs = readdirSync(dist).filter((f) => /^wasm-[0-9a-f]{16}$/.test(f));
  if (dirs.length !== 1) throw new Error(`expected one wasm-<hash>/ directory in ${dist}, found ${dirs.length}`);
  return dirs[0];
}

/** Paths (relative to dist) of the files the first page load fetches. */
export function shellFiles(dist) {
  const dir = wasmDir(dist);
  const areaStyles = new Set(areaStyleFiles(dist));
  const top = readdirSync(dist).filter(
    (f) => (f.endsWith(".css") && !areaStyles.has(f)) || /^boot-[0-9a-f]+\.js$/.test(f) || f === "sw.js",
  );
  // Any other module there would be fetched before the app starts too.
  const modules = readdirSync(join(dist, dir), { recursive: true })
    .filter((f) => f.endsWith(".js") && !MAIN.includes(f))
    .map((f) => `${dir}/${f}`);
  return [...top.sort(), ...MAIN.map((f) => `${dir}/${f}`), ...modules.sort()];
}

/** Paths (relative to dist) of the wasm chunks that areas load on first use. */
export function chunkFiles(dist) {
  const dir = wasmDir(dist);
  return readdirSync(join(dist, dir))
    .filter((f) => f.endsWith(".wasm") && !MAIN.includes(f))
    .sort()
    .map((f) => `${dir}/${f}`);
}

/** The stylesheets only the areas use: index.html keeps them in `<template id="area-styles">`. */
export function areaStyleFiles(dist) {
  const html = readFileSync(join(dist, "index.html"), "utf8");
  const template = /<template id="?area-styles"?>([\s\S]*?)<\/template>/.exec(html)?.[1] ?? "";
  return [...template.matchAll(/href="?\/([\w.-]+\.css)/g)].map((m) => m[1]);
}
