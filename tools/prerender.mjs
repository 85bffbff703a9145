// Prerendering: the curriculum's pages as HTML, written at build time, so that a shared link to a
// track, a module or a unit paints its text as soon as the HTML and the stylesheets arrive, before
// the WebAssembly does (issue #14: fast on a phone, from a cold deep link).
//
// The pages are not written by a second renderer: the release build itself is opened in headless
// Chromium (the system's, driven by playwright-core), each page is rendered by the app as a first
// visitor sees it, and its DOM is saved as `<path>.html` next to index.html, which a static host
// serves for `<path>` (docs/deploy.md). The boot script (tools/boot.mjs) swaps the prerendered
// nodes for the app's own as soon as the app has drawn the same page, and drops them at once for
// a reader whose language is not the pages' or who has progress of their own, since the snapshot
// shows a first visit in the source language.
//
// A prerendered page is the same document as index.html with a different <title> and <body>, and
// with the areas' stylesheets linked directly (the app's page needs them before it paints). The
// Content-Security-Policy stays as it is: inline style attributes are dropped from the snapshot,
// and it carries no script of its own.
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";

/** Marks the top-level nodes of a prerendered page; the boot script looks for it. */
export const MARK = "data-prerendered";

/**
 * Every address to prerender for a pack: the catalogue, then each track, module and unit, as the
 * app's routes spell them (src/app.rs).
 * @param {{tracks: {id: string, modules: {id: string, units: {id: string}[]}[]}[]}} pack
 * @returns {string[]} paths, such as `/learn/foundation/ai-as-basic-skill/why-fails`
 */
export function pagesOf(pack) {
  const paths = ["/learn"];
  for (const track of pack.tracks) {
    paths.push(`/learn/${track.id}`);
    for (const module of track.modules) {
      paths.push(`/learn/${track.id}/${module.id}`);
      for (const unit of module.units) paths.push(`/learn/${track.id}/${module.id}/${unit.id}`);
    }
  }
  return paths;
}

/**
 * Renders `paths` of the build in `dir` and writes each as `<dir><path>.html`.
 * @param {object} options
 * @param {string} options.dir the staged build, with index.html
 * @param {string} options.root the repository root (for tools/serve-dist.mjs)
 * @param {string[]} options.paths addresses to render
 * @param {string} [options.chromium] the browser to drive (CHROMIUM_PATH, else /usr/bin/chromium)
 * @returns {Promise<{pages: number, bytes: number, droppedStyles: number}>} what was written
 * @throws when a page does not render its heading within 30 s, or the browser cannot start
 */
export async function prerender({ dir, root, paths, chromium: executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" }) {
  const { chromium } = await import("playwright-core");
  const index = (await import("node:fs")).readFileSync(join(dir, "index.html"), "utf8");
  const port = await freePort();
  const server = spawn(process.execPath, [join(root, "tools/serve-dist.mjs"), dir, String(port)], { stdio: "ignore" });
  let browser;
  try {
    await waitForServer(port);
    browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
    let bytes = 0;
    let droppedStyles = 0;
    // Four pages at a time: most of each page's time is the wait for the network to go quiet.
    const queue = [...paths];
    const worker = async () => {
      for (let path = queue.shift(); path; path = queue.shift()) {
        const snapshot = await render(browser, `http://127.0.0.1:${port}${path}`);
        droppedStyles += snapshot.droppedStyles;
        const html = page(index, snapshot);
        const file = join(dir, `${path.replace(/^\//, "")}.html`);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(file, html);
        bytes += Buffer.byteLength(html);
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);
    return { pages: paths.length, bytes, droppedStyles };
  } finally {
    await browser?.close();
    server.kill();
  }
}

/** One address as a first visitor sees it: its title and its body's nodes, marked. */
async function render(browser, url) {
  // A fresh context per page: nothing one page stores can show on another.
  const context = await browser.newContext({ locale: "en-US", colorScheme: "light", serviceWorkers: "block" });
  try {
    const page = await context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url);
    await page.locator("main h1").first().waitFor({ timeout: 30_000 });
    // Whatever the page still fetches (the rest of the outline, say) settles first.
    await page.waitForLoadState("networkidle");
    if (errors.length > 0) throw new Error(`${url}: ${errors.join("; ")}`);
    return await page.evaluate((mark) => {
      let droppedStyles = 0;
      const nodes = [];
      for (const node of document.body.children) {
        if (node.tagName === "SCRIPT" || node.tagName === "NOSCRIPT" || node.tagName === "TEMPLATE") continue;
        const copy = node.cloneNode(true);
        // The policy allows no inline style: the app sets its few styles through the CSSOM, which
        // it may, but as markup they would be refused (and reported).
        for (const styled of [copy, ...copy.querySelectorAll("[style]")]) {
          if (styled.hasAttribute("style")) {
            styled.removeAttribute("style");
            droppedStyles++;
          }
        }
        copy.setAttribute(mark, "");
        // Readable at once, usable once the app has taken over: until then a button would do
        // nothing, so nothing in the snapshot takes focus or clicks.
        copy.setAttribute("inert", "");
        nodes.push(copy.outerHTML);
      }
      return { title: document.title, body: nodes.join(""), droppedStyles };
    }, MARK);
  } finally {
    await context.close();
  }
}

/** index.html with the page's title, the areas' stylesheets linked, and the page's nodes. */
function page(index, { title, body }) {
  const escape = (s) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  let html = index.replace(/<title>[^<]*<\/title>/, `<title>${escape(title)}</title>`);
  html = html.replace(/<template id="?area-styles"?>([\s\S]*?)<\/template>/, (_, links) => links);
  const open = /<body\b[^>]*>/.exec(html);
  if (!open) throw new Error("index.html has no <body>");
  // What stays of index.html's body (its <noscript>) comes after the page, which the app's nodes
  // will follow.
  return html.replace(/(<body\b[^>]*>)([\s\S]*)(<\/body>)/, (_, start, rest, end) => `${start}${body}${rest}${end}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForServer(port) {
  for (let i = 0; i < 100; i++) {
    try {
      await fetch(`http://127.0.0.1:${port}/index.html`);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  throw new Error("the prerender's static server did not start");
}
