// Trunk post-build hook: builds the app's wasm and splits it into lazily loaded chunks.
//
// Trunk 0.21 cannot split a wasm module, so index.html's Rust asset is marked `data-trunk-skip` and
// this hook does that part of the build instead, in the order the splitter needs:
//
//   1. cargo builds the `fluency` bin for wasm32, linked with --emit-relocs so that the splitter
//      can move functions and data between modules;
//   2. wasm-split-cli cuts it at the `wasm_split` points of the `area!` routes (see src/app.rs)
//      into a main module (the shell), one module per area, shared chunks, and `__wasm_split.js`,
//      which loads a chunk on first use into the main module's memory and function table;
//   3. wasm-bindgen generates the JS glue for the main module, keeping the linker's exports
//      (memory, function table) that the chunks import, and rollup bundles the glue, the chunk
//      loader and the JS snippets into one module;
//   4. in release builds wasm-opt -Oz shrinks every module and terser the JS glue;
//   5. everything goes into `wasm-<hash>/` in Trunk's staging directory, named by the hash of its
//      contents so that a new build is never mixed with a cached old one, and index.html gets a
//      boot script file (no inline script: the Content-Security-Policy forbids it) plus preload
//      hints for the main module.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, homedir, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { brotliCompressSync, constants as zlibConstants, gzipSync } from "node:zlib";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("build-wasm: TRUNK_STAGING_DIR is not set; run me from a Trunk hook");
  process.exit(1);
}
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === "release";
const NAME = "fluency";
// Stylesheets that only the lazily loaded areas use (style/<name>.css), attached with them. Print
// styles go with them: what is worth printing (a certificate, a unit) is in an area.
const AREA_STYLES = ["areas", "studio", "team", "print"];
// The shell's stylesheets that precede the areas' in index.html, bundled into one file.
const SHELL_STYLES = ["tokens", "base", "components"];
const execFileAsync = promisify(execFile);

function run(command, args, options = {}) {
  console.log(`build-wasm: ${command} ${args.join(" ")}`);
  execFileSync(command, args, { stdio: "inherit", cwd: root, ...options });
}

// 1. Build. The linker flag goes to the final link only, so dependencies keep their cache.
// Panic messages carry source paths; those of crates from the registry are cut to the crate's own
// path, so the output does not depend on where CARGO_HOME is (and is a little smaller).
const targetDir = process.env.CARGO_TARGET_DIR ?? join(root, "target");
const registry = join(process.env.CARGO_HOME ?? join(homedir(), ".cargo"), "registry", "src");
const remaps = (existsSync(registry) ? readdirSync(registry) : []).map((index) => `--remap-path-prefix=${join(registry, index)}=`);
const rustflags = [process.env.RUSTFLAGS ?? "", ...remaps].join(" ").trim();
run("cargo", [
  "rustc",
  "--bin", NAME,
  "--target", "wasm32-unknown-unknown",
  ...(release ? ["--release"] : []),
  "--",
  "-C", "link-arg=--emit-relocs",
], { env: { ...process.env, RUSTFLAGS: rustflags } });
const linked = join(targetDir, "wasm32-unknown-unknown", release ? "release" : "debug", `${NAME}.wasm`);

// 2. Split.
const work = mkdtempSync(join(tmpdir(), "fluency-split-"));
const split = join(work, "split");
run("wasm-split-cli", [linked, split, "--out-name", NAME, "--target", "web"]);

// 3. Bind the main module.
const out = join(work, "out");
run("wasm-bindgen", ["--target", "web", "--no-typescript", "--keep-lld-exports", "--out-dir", out, join(split, `${NAME}.wasm`)]);
for (const file of readdirSync(split)) {
  if (file !== `${NAME}.wasm`) renameSync(join(split, file), join(out, file));
}
// Which files each area loads (its own chunk and the shared chunks it needs), read from the chunk
// loader before terser renames its variables, so that the boot script can fetch them early.
const areaFiles = areaChunks(readFileSync(join(out, "__wasm_split.js"), "utf8"));

// 3b. One glue module. wasm-bindgen's glue imports the chunk loader and its JS snippets, and the
// chunk loader imports the glue back, so the app could not start before three modules had arrived.
// Bundled by rollup, they are one: the first load needs four requests (boot script, glue, main
// module, stylesheet) besides the page, within the six connections an HTTP/1.1 host gets. The
// chunk loader finds the chunks next to it (`new URL("./chunk_N.wasm", import.meta.url)`), which
// the bundle keeps, and the snippets' imports of the site's own files (`/backup-file.js`) stay
// imports.
{
  const { rollup } = await import("rollup");
  const bundle = await rollup({
    input: join(out, `${NAME}.js`),
    external: (id, _importer, resolved) => !resolved && id.startsWith("/"),
    preserveEntrySignatures: "strict",
    onwarn: (warning, warn) => warning.code !== "CIRCULAR_DEPENDENCY" && warn(warning),
  });
  const { output } = await bundle.generate({ format: "es" });
  await bundle.close();
  if (output.length !== 1 || output[0].type !== "chunk") fail("rollup made more than one file of the glue");
  writeFileSync(join(out, `${NAME}.js`), output[0].code);
  rmSync(join(out, "__wasm_split.js"));
  rmSync(join(out, "snippets"), { recursive: true, force: true });
}

// 4. Shrink, one module per core. The features are those rustc enables for wasm32 by default.
if (release) {
  const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];
  const queue = readdirSync(out).filter((f) => f.endsWith(".wasm"));
  console.log(`build-wasm: wasm-opt -Oz on ${queue.length} modules`);
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const path = join(out, file);
      // The producers and target-features sections are metadata for tools, not for browsers:
      // 0.2 KB gzip of the main module.
      // FLUENCY_WASM_NAMES=1 keeps the function names, for a profile that names what runs.
      const names = process.env.FLUENCY_WASM_NAMES === "1" ? ["-g"] : [];
      await execFileAsync("wasm-opt", ["-Oz", ...names, ...features.map((f) => `--enable-${f}`), "--strip-producers", "--strip-target-features", path, "-o", path]);
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));

  // The glue and the chunk loader are ES modules: their exports keep their names, the rest is
  // fair game.
  const { minify } = await import("terser");
  for (const file of walk(out).filter((f) => f.endsWith(".js"))) {
    const path = join(out, file);
    const result = await minify(readFileSync(path, "utf8"), { module: true, ecma: 2020, compress: { passes: 2 } });
    writeFileSync(path, result.code);
  }
}

// 5. Stage under a content-hashed directory. wasm-bindgen puts JS snippets (`module = "..."`
// imports) in a `snippets/` subdirectory, so every path is relative to `out`.
const files = walk(out).sort();
const hash = createHash("sha256");
for (const file of files) hash.update(file).update(readFileSync(join(out, file)));
const dir = `wasm-${hash.digest("hex").slice(0, 16)}`;
mkdirSync(join(staging, dir));
for (const file of files) {
  mkdirSync(dirname(join(staging, dir, file)), { recursive: true });
  renameSync(join(out, file), join(staging, dir, file));
}
rmSync(work, { recursive: true, force: true });

// 6. The curriculum in parts (domain::pack_parts): every pack and edition the manifest lists gets
// an outline and one file per track next to it, written by the Rust code that reads them.
let curriculum = null;
const whole = [];
if (existsSync(join(staging, "packs", "index.json"))) {
  console.log("build-wasm: cargo run --example split_packs");
  const written = JSON.parse(execFileSync("cargo", ["run", "--quiet", "--offline", "--example", "split_packs", "--", join(staging, "packs")], {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  }));
  const shipped = /SHIPPED_PACK_ID: &str = "([^"]+)"/.exec(readFileSync(join(root, "src/state/curriculum.rs"), "utf8"))?.[1];
  // For the boot script, each file as its parts' directory and track ids: it builds the URLs as
  // domain::pack_parts does, which this checks.
  const files = written.filter((p) => p.id === shipped).map(({ language, outline, tracks }) => {
    const dir = outline.replace(/outline\.json$/, "");
    for (const [id, url] of Object.entries(tracks)) if (url !== `${dir}track-${id}.json`) fail(`unexpected track URL ${url}`);
    return { language, dir, tracks: Object.keys(tracks) };
  });
  if (files.length > 0) curriculum = { manifest: "/packs/index.json", files };
  whole.push(...written.map((p) => p.url));
  console.log(`build-wasm: ${written.length} pack file(s) in parts`);
}

// 7. The boot script: it starts fetching what the address needs, runs the app, and registers the
// service worker (see tools/boot.mjs).
const { bootScript } = await import("./boot.mjs");
// The module that lets the app take a prerendered page over (release builds prerender, 7b below).
let takeover = null;
if (release && curriculum) {
  const { takeoverScript } = await import("./prerender.mjs");
  const code = (await (await import("terser")).minify(takeoverScript(), { module: true, ecma: 2020 })).code;
  takeover = `/takeover-${createHash("sha256").update(code).digest("hex").slice(0, 16)}.js`;
  writeFileSync(join(staging, takeover.slice(1)), code);
}
const boot = bootScript({
  dir: `/${dir}/`,
  takeover,
  curriculum,
  areas: areasOfSite(readFileSync(join(root, "src/site.rs"), "utf8")).map(({ name, prefixes }) => {
    const own = `split_${name}_area`;
    const shared = areaFiles[`${own}.wasm`] ?? fail(`the chunk loader has no ${own}.wasm`);
    return { prefixes, own, shared: shared.map((f) => Number(/^chunk_(\d+)\.wasm$/.exec(f)?.[1] ?? fail(`unexpected chunk ${f}`))) };
  }),
});
const bootCode = release ? (await (await import("terser")).minify(boot, { module: true, ecma: 2020 })).code : boot;
const bootName = `boot-${createHash("sha256").update(bootCode).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(staging, bootName), bootCode);

const indexPath = join(staging, "index.html");
const html = readFileSync(indexPath, "utf8");
if (files.some((f) => f.endsWith(".js") && f !== `${NAME}.js`)) fail("the glue is not one module (step 3b)");
// The boot script first: it starts the main module's compile, and as an async script it would
// otherwise be fetched last, at low priority, behind every other request of the page (an HTTP/1.1
// host opens six connections at most). Then the main module, the largest file.
const preloads = [
  `<link rel="modulepreload" href="/${bootName}">`,
  `<link rel="preload" href="/${dir}/${NAME}_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
  `<link rel="modulepreload" href="/${dir}/${NAME}.js">`,
].join("\n    ");
if (!html.includes("</head>")) fail("index.html has no </head>");
// The preloads go just before the Content-Security-Policy <meta>. Chromium's preload scanner holds
// back every fetch it finds after a policy <meta> until the parser itself has applied that policy,
// which on a phone's CPU is the main module's request 70 ms later (4x CPU: first heading 741 ->
// 589 ms, docs/performance.md). They only fetch: nothing runs until the boot script, which stays
// after the policy, and they name the build's own same-origin files, which the policy allows
// (docs/security.md).
const policyMeta = /<meta\b[^>]*http-equiv="?Content-Security-Policy"?[^>]*>/i;
if (!policyMeta.test(html)) fail("index.html has no Content-Security-Policy <meta>");
// The skipped Rust link has done its job (it tells Trunk not to build the wasm); drop it from the page.
let page = html
  .replace(/<link\b[^>]*\bdata-trunk-skip\b[^>]*>/, "")
  .replace(policyMeta, (meta) => `${preloads}\n    ${meta}`)
  .replace("</head>", `    <script type="module" async src="/${bootName}"></script>\n  </head>`);
// The stylesheets only the areas use wait in a template, which the boot script attaches when an
// area's page is opened or loaded: the home page does not wait for them.
// The template takes the place of the first of them, so that the cascade keeps its order.
const areaStyles = [];
const areaLink = new RegExp(`<link\\b[^>]*\\bhref="?/(?:${AREA_STYLES.join("|")})-[0-9a-f]+\\.css"?[^>]*>`, "g");
page = page.replace(areaLink, (link) => (areaStyles.push(link), areaStyles.length === 1 ? "<!--area-styles-->" : ""));
if (areaStyles.length !== AREA_STYLES.length) fail(`expected the area stylesheets ${AREA_STYLES.join(", ")} in index.html`);
page = page.replace("<!--area-styles-->", `<template id="area-styles">${areaStyles.join("")}</template>`);
// The shell's own stylesheets that come before the areas' (design tokens, base, components) go as
// one file: fewer requests, and gzip compresses them better together (about 0.5 KB less).
const shellLink = new RegExp(`<link\\b[^>]*\\bhref="?/(?:${SHELL_STYLES.join("|")})-[0-9a-f]+\\.css"?[^>]*>`, "g");
const shellFiles = [];
page = page.replace(shellLink, (link) => {
  shellFiles.push(/href="?\/([\w.-]+\.css)/.exec(link)[1]);
  return shellFiles.length === 1 ? "<!--shell-styles-->" : "";
});
if (shellFiles.length !== SHELL_STYLES.length) fail(`expected the stylesheets ${SHELL_STYLES.join(", ")} in index.html`);
const shellCss = shellFiles.map((f) => readFileSync(join(staging, f), "utf8")).join("\n");
const shellName = `shell-${createHash("sha256").update(shellCss).digest("hex").slice(0, 16)}.css`;
writeFileSync(join(staging, shellName), shellCss);
for (const f of shellFiles) rmSync(join(staging, f));
const integrity = `sha384-${createHash("sha384").update(shellCss).digest("base64")}`;
page = page.replace("<!--shell-styles-->", `<link href=/${shellName} integrity=${integrity} rel=stylesheet>`);
writeFileSync(indexPath, page);
const chunks = files.filter((f) => f.endsWith(".wasm")).length - 1;
console.log(`build-wasm: staged ${dir}/ with the main module and ${chunks} lazily loaded chunk(s)`);

// 7b. The curriculum's pages, prerendered (release builds): a shared link to a track, module or
// unit paints its text before the wasm arrives. See tools/prerender.mjs.
let prerendered = [];
if (release && curriculum) {
  const { prerender, pagesOf } = await import("./prerender.mjs");
  const source = JSON.parse(readFileSync(join(root, "public/packs/fluency-core.json"), "utf8"));
  prerendered = pagesOf(source);
  const started = Date.now();
  const done = await prerender({ dir: staging, root, paths: prerendered, takeover });
  console.log(`build-wasm: prerendered ${done.pages} pages (${(done.bytes / 1024).toFixed(0)} KB of HTML, ${done.droppedStyles} inline style attribute(s) dropped) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

// 8. The service worker, generated by Workbox: it precaches the whole build (the shell, every
// area's chunks, the styles, icons, the pack manifest, every pack file and the version history),
// so that after the first visit every page works with no network. See docs/architecture.md
// ("Offline") for the update flow.
const { generateSW } = await import("workbox-build");
const sw = await generateSW({
  globDirectory: staging,
  globPatterns: ["**/*.{html,js,css,wasm,json,svg,webmanifest}"],
  // The JSON Schema is for trainers' tools, not the app; the install icons are for the browser's
  // install prompt, online. A pack served in parts is read from its parts, offline too (the whole
  // file is only a fallback for sites without parts).
  // The prerendered pages are for a first visit by link: once the worker runs, every address
  // gets the app (navigateFallback below), which draws the learner's own state.
  globIgnores: [
    "sw.js", "schema/**", "icons/maskable.svg",
    ...(curriculum ? whole.map((url) => url.replace(/^\//, "")) : []),
    ...prerendered.map((path) => `${path.replace(/^\//, "")}.html`),
  ],
  swDest: join(staging, "sw.js"),
  mode: release ? "production" : "development",
  // One file, nothing fetched from a CDN: the worker's code is as self-contained as the app's.
  inlineWorkboxRuntime: true,
  sourcemap: false,
  // Files whose names carry a hash of their contents need no revision of their own.
  dontCacheBustURLsMatching: /^(wasm-[0-9a-f]{16}\/|(boot|takeover)-[0-9a-f]{16}\.js$|[a-z-]+-[0-9a-f]{15,16}\.(css|svg)$)/,
  maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
  // The other files' revisions (MD5, 32 hex digits) only need to change when the file does: 12
  // digits (48 bits) do that, and the precache list in sw.js, which the shell budget counts, is
  // about 0.2 KB gzip smaller.
  manifestTransforms: [(entries) => ({ manifest: entries.map((e) => ({ ...e, revision: e.revision && e.revision.slice(0, 12) })), warnings: [] })],
  // Deep links work offline: an address that is not a file gets the app, which routes it.
  navigateFallback: "/index.html",
  navigateFallbackDenylist: [/\/[^/?]+\.[a-z0-9]+$/i],
  cleanupOutdatedCaches: true,
  // A new version waits until the learner chooses to reload (the app's update notice asks the
  // waiting worker to take over with a SKIP_WAITING message); the first one takes over at once,
  // so that the rest of a first visit is already served from the cache.
  skipWaiting: false,
  clientsClaim: true,
});
for (const warning of sw.warnings) console.warn(`build-wasm: workbox: ${warning}`);
console.log(`build-wasm: sw.js precaches ${sw.count} files, ${(sw.size / 1024).toFixed(0)} KB`);

// 9. Precompress every text and wasm file (gzip and brotli, at their highest levels), so that a
// host that serves precompressed files (nginx gzip_static/brotli_static, Netlify, Cloudflare...)
// sends the smallest bytes without compressing on each request. See docs/deploy.md.
if (release) {
  let count = 0;
  for (const file of walk(staging).filter((f) => /\.(html|js|css|wasm|json|svg|webmanifest)$/.test(f))) {
    const bytes = readFileSync(join(staging, file));
    if (bytes.length < 512) continue;
    writeFileSync(join(staging, `${file}.gz`), gzipSync(bytes, { level: 9 }));
    writeFileSync(join(staging, `${file}.br`), brotliCompressSync(bytes, {
      params: { [zlibConstants.BROTLI_PARAM_QUALITY]: 11, [zlibConstants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
    }));
    count++;
  }
  console.log(`build-wasm: precompressed ${count} files (.gz and .br)`);
}

function fail(message) {
  console.error(`build-wasm: ${message}`);
  process.exit(1);
}

/** Every file under `base`, as paths relative to it. */
function walk(base, prefix = "") {
  return readdirSync(join(base, prefix), { withFileTypes: true }).flatMap((entry) => {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(base, path) : [path];
  });
}

/** Each area's own chunk → the shared chunks it needs, from wasm-split's unminified chunk loader. */
function areaChunks(loader) {
  const chunkVars = Object.fromEntries(
    [...loader.matchAll(/const (__chunk_\d+) = makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const areas = {};
  for (const m of loader.matchAll(/__wasm_split_load_\w+ = wrapAsyncCb\(makeLoad\(\(\) => \{\s*const src = fetch\(new URL\("\.\/([\w.]+)"[\s\S]*?\n, \[([^\]]*)\]\)\)/g)) {
    areas[m[1]] = m[2].split(",").map((v) => v.trim()).filter(Boolean).map((v) => chunkVars[v] ?? fail(`unknown chunk ${v}`));
  }
  if (Object.keys(areas).length === 0) fail("could not read the areas from __wasm_split.js");
  return areas;
}

/** The areas of src/site.rs with the address prefixes they answer for (the shell's site map). */
function areasOfSite(source) {
  const areas = [...source.matchAll(/Area::(\w+) => &\[([^\]]+)\]/g)].map((m) => ({
    name: m[1].toLowerCase(),
    prefixes: [...m[2].matchAll(/"([^"]+)"/g)].map((p) => p[1]),
  }));
  if (areas.length === 0) fail("could not read the areas from src/site.rs");
  return areas;
}
