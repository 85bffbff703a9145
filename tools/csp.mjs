// Adds origins to the connect-src of the Content-Security-Policy <meta> tag in index.html and the
// prerendered pages.
//
// A runtime file cannot widen a policy the page already carries, so a deployment that sends
// learning records to an LRS must list the LRS's origin in connect-src itself (docs/deploy.md).
// This is that edit, done once after the build:
//
//   node tools/csp.mjs dist                         origin from dist/fluency.config.json's lrs.endpoint
//   node tools/csp.mjs dist https://lrs.example.org  the origins given
//
// The static test server (tools/serve-dist.mjs) applies the same function when it is told which
// origins to allow, so the end-to-end tests run against a policy shaped exactly as a deployer's.
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The origin (`scheme://host[:port]`) of an absolute http(s) address. */
export function originOf(address) {
  const url = new URL(address);
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new Error(`not an http(s) address: ${address}`);
  return url.origin;
}

/** index.html with `origins` added to its policy's connect-src (each once, in order). The tag may
 * be written either way round and with unquoted attributes, as the minified build writes it. */
export function allowConnect(html, origins) {
  const tags = html.match(/<meta\b[^>]*>/gi) ?? [];
  const tag = tags.find((t) => /http-equiv\s*=\s*["']?Content-Security-Policy\b/i.test(t));
  const content = tag?.match(/\bcontent\s*=\s*(["'])(.*?)\1/i);
  if (!tag || !content) throw new Error("index.html has no Content-Security-Policy meta tag");
  const directives = content[2].split(";").map((d) => d.trim()).filter(Boolean);
  const index = directives.findIndex((d) => /^connect-src\b/i.test(d));
  const current = index >= 0 ? directives[index].split(/\s+/) : ["connect-src", "'self'"];
  for (const origin of origins) if (!current.includes(origin)) current.push(origin);
  if (index >= 0) directives[index] = current.join(" ");
  else directives.push(current.join(" "));
  const quote = content[1];
  const updated = tag.replace(content[0], `content=${quote}${directives.join("; ")}${quote}`);
  return html.replace(tag, updated);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const dist = process.argv[2] ?? "dist";
  let origins = process.argv.slice(3).map(originOf);
  if (origins.length === 0) {
    const config = JSON.parse(readFileSync(join(dist, "fluency.config.json"), "utf8"));
    if (!config.lrs?.endpoint) throw new Error(`${dist}/fluency.config.json names no lrs.endpoint`);
    origins = [originOf(config.lrs.endpoint)];
  }
  // index.html and every prerendered page (tools/prerender.mjs) carry the policy.
  const pages = readdirSync(dist, { recursive: true }).filter((f) => f.endsWith(".html"));
  for (const page of pages) {
    const file = join(dist, page);
    const html = allowConnect(readFileSync(file, "utf8"), origins);
    writeFileSync(file, html);
    // The build's precompressed copies must say the same, or a host that serves them would send
    // the old policy.
    if (existsSync(`${file}.gz`)) writeFileSync(`${file}.gz`, gzipSync(html, { level: 9 }));
    if (existsSync(`${file}.br`)) writeFileSync(`${file}.br`, brotliCompressSync(html));
  }
  console.log(`connect-src in ${pages.length} page(s) of ${dist} now allows ${origins.join(" ")}`);
}
