#!/usr/bin/env node
// nDCG@10 of oops's search and of Pagefind on the judged queries of
// queries.tsv, over the corpus gen.py writes.
//
// usage: node bench/relevance/ndcg.mjs OOPS_SITE [PAGEFIND_SITE]
//   OOPS_SITE      oops build -source CORPUS -dest OOPS_SITE
//   PAGEFIND_SITE  node $SHARED/build_site.mjs CORPUS SITE DOCS && npx pagefind --site SITE
//   SHARED         the reference bench with its node_modules (default /tmp/sb), for Pagefind
// oops runs through the page's own engine (static/js/search/engine.js) in
// Node, reading the index's files from OOPS_SITE; Pagefind in Chromium.
import fs from "node:fs";
import path from "node:path";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";

const here = path.dirname(new URL(import.meta.url).pathname);
const [oopsSite, pagefindSite] = process.argv.slice(2);
const K = 10;

const queries = fs.readFileSync(path.join(here, "queries.tsv"), "utf8").split("\n")
  .filter((l) => l && !l.startsWith("#")).map((l) => {
    const [set, q, judged] = l.split("\t");
    return { set, q, grades: Object.fromEntries(judged.split(" ").map((p) => { const [s, g] = p.split(":"); return [s, +g]; })) };
  });

function ndcg(slugs, grades) {
  const gain = (g) => (2 ** g - 1);
  let dcg = 0;
  slugs.slice(0, K).forEach((s, i) => { dcg += gain(grades[s] || 0) / Math.log2(i + 2); });
  const ideal = Object.values(grades).sort((a, b) => b - a).slice(0, K);
  const idcg = ideal.reduce((a, g, i) => a + gain(g) / Math.log2(i + 2), 0);
  return idcg ? dcg / idcg : 0;
}

const slugOf = (url) => url.replace(/\/$/, "").split("/").pop();

async function oops() {
  const html = fs.readFileSync(path.join(oopsSite, "search", "index.html"), "utf8");
  const root = /data-index="([^"]+)"/.exec(html)[1];
  globalThis.fetch = async (url) => {
    const file = path.join(oopsSite, new URL(url, "http://x/").pathname);
    const data = fs.readFileSync(file);
    return { ok: true, status: 200, arrayBuffer: async () => data.buffer.slice(data.byteOffset, data.byteOffset + data.length) };
  };
  const { newEngine } = await import(path.join(here, "../../static/js/search/engine.js"));
  const rootBytes = new Uint8Array(fs.readFileSync(path.join(oopsSite, root)));
  const e = newEngine(root.slice(0, root.lastIndexOf("/") + 1), rootBytes);
  const out = {};
  for (const { q } of queries) out[q] = (await e.find(q, "", "", K)).results.map((r) => ({ slug: slugOf(r.card.url), title: r.card.title }));
  return out;
}

async function pagefind() {
  const shared = process.env.SHARED || "/tmp/sb";
  const { chromium } = createRequire(path.join(shared, "package.json"))("playwright-core");
  const port = 18000 + Math.floor(Math.random() * 1000);
  const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", pagefindSite], { stdio: "ignore" });
  try {
    for (let i = 0; ; i++) {
      try { await globalThis.fetch0(`http://127.0.0.1:${port}/`); break; } catch { if (i > 50) throw new Error("no server"); await new Promise((r) => setTimeout(r, 100)); }
    }
    const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/search/`);
    await page.waitForFunction(() => window.benchReady);
    const out = {};
    for (const { q } of queries) out[q] = (await page.evaluate(([q, n]) => window.benchUrls(q, n), [q, K])).urls.map((u) => ({ slug: slugOf(u) }));
    await browser.close();
    return out;
  } finally { server.kill("SIGTERM"); }
}

// titleFirst counts the queries whose words are all in some story's title
// (titles: the words of each story's title) and those of them whose first
// result is such a story.
async function titleFirst(res, titles) {
  const { words } = await import(path.join(here, "../../static/js/search/words.js"));
  const all = (t, q) => words(q).every((w) => words(t).includes(w));
  const qs = queries.filter((x) => Object.values(titles).some((t) => all(t, x.q)));
  const first = qs.filter((x) => res[x.q].length && all(titles[res[x.q][0].slug] || "", x.q));
  return `${first.length} of ${qs.length} queries whose words are all in a title show such a story first`;
}

function report(name, res) {
  const line = (set) => {
    const qs = queries.filter((x) => !set || x.set === set);
    const m = qs.reduce((a, x) => a + ndcg(res[x.q].map((r) => r.slug), x.grades), 0) / qs.length;
    return `${set || "all"} ${m.toFixed(3)} (${qs.length})`;
  };
  console.log(`${name}: nDCG@${K} ${line("held")}, ${line("tune")}, ${line("")}`);
}

globalThis.fetch0 = globalThis.fetch;
const per = {};
if (pagefindSite) per.pagefind = await pagefind();
per.oops = await oops();
const titles = {};
for (const f of fs.readdirSync(path.join(oopsSite, "stories")).filter((f) => fs.existsSync(path.join(oopsSite, "stories", f, "index.html")))) {
  const m = /<title>([^<]*)<\/title>/.exec(fs.readFileSync(path.join(oopsSite, "stories", f, "index.html"), "utf8"));
  if (m) titles[f] = m[1].replace(/ [·|–—-] [^·|–—-]*$/, "").replace(/&amp;/g, "&").replace(/&#39;/g, "'").replace(/&quot;/g, '"');
}
for (const [name, res] of Object.entries(per)) {
  report(name, res);
  console.log(`  ${await titleFirst(res, titles)}`);
}
if (process.env.VERBOSE) {
  for (const x of queries) {
    console.log(`${x.set} ${x.q}:`);
    for (const [name, res] of Object.entries(per)) console.log(`  ${name} ${ndcg(res[x.q].map((r) => r.slug), x.grades).toFixed(2)} ${res[x.q].map((r) => r.slug + (x.grades[r.slug] ? "*" + x.grades[r.slug] : "")).join(" ")}`);
  }
}
