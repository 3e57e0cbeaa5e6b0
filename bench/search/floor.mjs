#!/usr/bin/env node
// Makes the two floor pages the keystroke figures of oops's search page are compared with: what
// this browser costs per key before any search runs.
//
// usage: node floor.mjs SITE_DIR OUT_DIR
//   SITE_DIR  a site built by oops build
//   OUT_DIR   gets two sites, each with SITE_DIR's search page and assets:
//     nojs/   the page without its scripts; a key only tells the bench it is done
//     cards/  the same, and each key replaces the result list with ten cards of the
//             site's own list of stories, from two sets in turn, so that every key
//             shows ten new cards: no searching, no fetching, only the page's work
//             of showing results
// Both pages signal "oops:results" as oops's page does, so oops_browser.mjs --keys-only
// measures them exactly as it measures oops's page.
import fs from "node:fs";
import path from "node:path";

const [site, out] = process.argv.slice(2);
if (!site || !out) { console.error("usage: node floor.mjs SITE_DIR OUT_DIR"); process.exit(2); }
const page = fs.readFileSync(path.join(site, "search/index.html"), "utf8");
const list = fs.readFileSync(path.join(site, "stories/index.html"), "utf8");
const cards = list.match(/<li class="card">[\s\S]*?<\/li>\n(?=<li class="card">|<\/ol>|<\/ul>)/g) || [];
if (cards.length < 20) { console.error(`floor: ${site}/stories/index.html has ${cards.length} cards, not 20`); process.exit(1); }
const sets = [cards.slice(0, 10).join(""), cards.slice(10, 20).join("")];

// The page as it is, less its scripts and the modules they preload, with its status already
// said (the bench waits for it).
const bare = page
  .replace(/<script\b[^>]*><\/script>\n?/g, "")
  .replace(/<link rel="modulepreload"[^>]*>\n?/g, "")
  .replace(/(<p id="search-status"[^>]*>)(<\/p>)/, "$1Type to search.$2");
const signal = 'document.dispatchEvent(new CustomEvent("oops:results", { bubbles: true }));';
const pages = {
  nojs: `document.getElementById("q").addEventListener("input", function () { ${signal} });`,
  cards: `var sets = ${JSON.stringify(sets)}, k = 0;
document.getElementById("q").addEventListener("input", function () {
  document.getElementById("results").innerHTML = sets[k++ % 2];
  ${signal}
});`,
};
for (const [name, js] of Object.entries(pages)) {
  const dir = path.join(out, name);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(path.join(dir, "search"), { recursive: true });
  fs.symlinkSync(path.resolve(site, "assets"), path.join(dir, "assets"));
  fs.writeFileSync(path.join(dir, "search/index.html"), bare.replace("</body>", `<script>\n${js}\n</script>\n</body>`));
}
console.log(`floor pages: ${path.join(out, "nojs")} and ${path.join(out, "cards")} (${cards.length} cards found)`);
