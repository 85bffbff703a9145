// A tiny static server for the release build, used by the end-to-end tests and the benchmark.
// It does what any static host must do for Fluency: serve .wasm as application/wasm and answer every
// unknown path that is not a file with index.html (the SPA fallback), so deep links work.
//
//   node tools/serve-dist.mjs [dir=dist] [port=8090]
//
// Like a host set up for precompressed files (nginx gzip_static/brotli_static), it sends a file's
// `.br` or `.gz` sibling, which the release build writes next to every text and wasm file, when the
// browser accepts that encoding (docs/deploy.md). With FLUENCY_COMPRESS=1 it also gzips, on each
// request, what has no precompressed sibling, as most hosts do (the benchmark uses it to measure
// older builds fairly).
//
// Two settings make it serve a deployment with a learning record store, as docs/deploy.md
// describes one: FLUENCY_CONNECT_SRC (space-separated origins) is added to the policy's connect-src
// in index.html, exactly as tools/csp.mjs would write it into dist; FLUENCY_CONFIG names a file
// served as /fluency.config.json instead of the build's.
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { allowConnect } from "./csp.mjs";

const root = resolve(process.argv[2] ?? "dist");
const port = Number(process.argv[3] ?? 8090);
const compressOnTheFly = process.env.FLUENCY_COMPRESS === "1";
const connect = (process.env.FLUENCY_CONNECT_SRC ?? "").split(/\s+/).filter(Boolean);
const config = process.env.FLUENCY_CONFIG ? resolve(process.env.FLUENCY_CONFIG) : null;
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".webmanifest": "application/manifest+json",
  ".txt": "text/plain; charset=utf-8",
};

async function fileFor(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath.split("?")[0])).replace(/^(\.\.[/\\])+/, "");
  const candidate = join(root, clean);
  if (!candidate.startsWith(root)) return null;
  try {
    const info = await stat(candidate);
    if (info.isFile()) return candidate;
  } catch {}
  return null;
}

/** The precompressed sibling of `path` to send, brotli first, if the browser accepts it. */
async function precompressed(path, accepted) {
  const accepts = (name) => accepted.split(",").some((part) => part.trim().split(";")[0] === name);
  for (const encoding of [{ name: "br", suffix: "br" }, { name: "gzip", suffix: "gz" }]) {
    if (!accepts(encoding.name)) continue;
    try {
      if ((await stat(`${path}.${encoding.suffix}`)).isFile()) return encoding;
    } catch {}
  }
  return null;
}

const server = createServer(async (req, res) => {
  let path = config && (req.url ?? "").split("?")[0] === "/fluency.config.json" ? config : await fileFor(req.url ?? "/");
  // Paths that look like files (they have an extension) get a real 404; routes get their
  // prerendered page (`<path>.html`, tools/prerender.mjs) where the build wrote one, else the app.
  const route = (req.url ?? "/").split("?")[0].replace(/\/+$/, "");
  if (!path && extname(route) === "" && route !== "") path = await fileFor(`${route}.html`);
  if (!path && extname(req.url ?? "") === "") path = join(root, "index.html");
  if (!path) {
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
    return;
  }
  const accepted = req.headers["accept-encoding"] ?? "";
  // A body rewritten for this request (the policy's connect-src) is sent as it is.
  const rewrite = connect.length > 0 && path.endsWith(".html");
  let encoding = rewrite ? null : await precompressed(path, accepted);
  let body = await readFile(encoding ? `${path}.${encoding.suffix}` : path);
  if (rewrite) body = Buffer.from(allowConnect(body.toString("utf8"), connect));
  if (!encoding && compressOnTheFly && /\.(html|js|css|wasm|json|svg|webmanifest)$/.test(path) && /\bgzip\b/.test(accepted)) {
    body = gzipSync(body, { level: 6 });
    encoding = { name: "gzip" };
  }
  res.writeHead(200, {
    "content-type": types[extname(path)] ?? "application/octet-stream",
    ...(encoding ? { "content-encoding": encoding.name } : {}),
    vary: "accept-encoding",
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
  });
  res.end(body);
});
server.listen(port, "127.0.0.1", () => console.log(`serving ${root} on http://127.0.0.1:${port}`));
