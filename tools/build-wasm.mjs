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
//      (memory, function table) that the chunks import;
//   4. in release builds wasm-opt -Oz shrinks every module and terser the JS glue and chunk loader;
//   5. everything goes into `wasm-<hash>/` in Trunk's staging directory, named by the hash of its
//      contents so that a new build is never mixed with a cached old one, and index.html gets a
//      boot script file (no inline script: the Content-Security-Policy forbids it) plus preload
//      hints for the main module.
import { execFile, execFileSync } from "node:child_process";
import { promisify } from "node:util";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, homedir, tmpdir } from "node:os";
import { join } from "node:path";

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error("build-wasm: TRUNK_STAGING_DIR is not set; run me from a Trunk hook");
  process.exit(1);
}
const root = process.env.TRUNK_SOURCE_DIR ?? process.cwd();
const release = process.env.TRUNK_PROFILE === "release";
const NAME = "fluency";
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

// 4. Shrink, one module per core. The features are those rustc enables for wasm32 by default.
if (release) {
  const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];
  const queue = readdirSync(out).filter((f) => f.endsWith(".wasm"));
  console.log(`build-wasm: wasm-opt -Oz on ${queue.length} modules`);
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const path = join(out, file);
      await execFileAsync("wasm-opt", ["-Oz", ...features.map((f) => `--enable-${f}`), path, "-o", path]);
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));

  // The glue and the chunk loader are ES modules: their exports keep their names, the rest is
  // fair game.
  const { minify } = await import("terser");
  for (const file of readdirSync(out).filter((f) => f.endsWith(".js"))) {
    const path = join(out, file);
    const result = await minify(readFileSync(path, "utf8"), { module: true, ecma: 2020, compress: { passes: 2 } });
    writeFileSync(path, result.code);
  }
}

// 5. Stage under a content-hashed directory and boot from a file.
const files = readdirSync(out).sort();
const hash = createHash("sha256");
for (const file of files) hash.update(file).update(readFileSync(join(out, file)));
const dir = `wasm-${hash.digest("hex").slice(0, 16)}`;
mkdirSync(join(staging, dir));
for (const file of files) renameSync(join(out, file), join(staging, dir, file));
rmSync(work, { recursive: true, force: true });

const boot = `import init from "/${dir}/${NAME}.js";\nawait init({ module_or_path: "/${dir}/${NAME}_bg.wasm" });\n`;
const bootName = `boot-${createHash("sha256").update(boot).digest("hex").slice(0, 16)}.js`;
writeFileSync(join(staging, bootName), boot);

const indexPath = join(staging, "index.html");
const html = readFileSync(indexPath, "utf8");
const head = [
  `<link rel="modulepreload" href="/${dir}/${NAME}.js">`,
  `<link rel="preload" href="/${dir}/${NAME}_bg.wasm" as="fetch" type="application/wasm" crossorigin>`,
  `<script type="module" src="/${bootName}"></script>`,
].join("\n    ");
if (!html.includes("</head>")) {
  console.error("build-wasm: index.html has no </head>");
  process.exit(1);
}
// The skipped Rust link has done its job (it tells Trunk not to build the wasm); drop it from the page.
const page = html.replace(/<link\b[^>]*\bdata-trunk-skip\b[^>]*>/, "").replace("</head>", `    ${head}\n  </head>`);
writeFileSync(indexPath, page);
const chunks = files.filter((f) => f.endsWith(".wasm")).length - 1;
console.log(`build-wasm: staged ${dir}/ with the main module and ${chunks} lazily loaded chunk(s)`);
