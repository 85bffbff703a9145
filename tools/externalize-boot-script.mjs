// Trunk post-build hook: Trunk writes the code that loads the wasm as an inline <script>, and gives it
// a fixed nonce. A strict Content-Security-Policy forbids inline scripts, and a nonce baked into a static
// file protects nothing. This moves the script into its own file, named by its content hash, and drops
// the nonces.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("externalize-boot-script: TRUNK_STAGING_DIR is not set; run me from a Trunk hook");
  process.exit(1);
}
const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");

const inline = /<script(?![^>]*\bsrc=)([^>]*)>([\s\S]*?)<\/script>/g;
let moved = 0;
html = html.replace(inline, (_, attrs, body) => {
  const name = `boot-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  moved += 1;
  const type = /type="module"/.test(attrs) ? ' type="module"' : "";
  return `<script${type} src="/${name}"></script>`;
});
html = html.replace(/\snonce="[^"]*"/g, "");
if (moved === 0) {
  console.error("externalize-boot-script: found no inline script; has Trunk's output changed?");
  process.exit(1);
}
writeFileSync(indexPath, html);
console.log(`externalize-boot-script: moved ${moved} inline script(s) out of index.html`);
