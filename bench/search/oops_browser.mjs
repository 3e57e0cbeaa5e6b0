#!/usr/bin/env node
// Bytes and latency of oops's search page in headless Chromium, measured the way the reference
// bench (bench_browser.mjs of the shared search bench) measures Pagefind, and the main-thread work
// of each keystroke of oops's page and of Pagefind's.
//
// usage: node oops_browser.mjs SITE_DIR RESULT_JSON --shared DIR [--engine oops|pagefind] [--keys-only] [--port N]
//   --shared   the reference bench, with `npm ci` done (its playwright-core and queries.json are used)
//   --engine   oops (default): cold and warm queries, correctness and keystrokes of SITE_DIR/search/;
//              pagefind: keystrokes only, of the reference bench's Pagefind page.
//
// SITE_DIR is served with `python3 -m http.server` on 127.0.0.1 (no compression). Its access log says
// which files each phase fetched; raw and gzip -6 sizes of those files are added up here. Each cold
// query runs in a fresh browser context: open /search/ (until the page says it is ready), then one
// query typed at once, until its results are rendered and painted. Warm: median of 7 repeats.
// Keystrokes: a fresh context per query, the query typed one key at a time; for each key, the
// main thread's processor time (CDP Performance.getMetrics ThreadTime) from the key until the
// results for the text so far are shown and 200 ms have passed.
import fs from "node:fs";
import path from "node:path";
import zlib from "node:zlib";
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { query } from "./oops_query.mjs";

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); if (i < 0) return dflt; const v = argv[i + 1]; argv.splice(i, 2); return v; };
const shared = opt("--shared", "/tmp/sb");
const engine = opt("--engine", "oops");
const keysOnly = argv.includes("--keys-only") ? (argv.splice(argv.indexOf("--keys-only"), 1), true) : false;
const port = Number(opt("--port", "8766"));
const [site, resultPath] = argv;
if (!site || !resultPath) { console.error("usage: node oops_browser.mjs SITE_DIR RESULT_JSON --shared DIR [--engine oops|pagefind] [--port N]"); process.exit(2); }
const { chromium } = createRequire(path.join(path.resolve(shared), "package.json"))("playwright-core");
const { queries, correctness } = JSON.parse(fs.readFileSync(path.join(shared, "queries.json"), "utf8"));
const base = `http://127.0.0.1:${port}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const round = (x) => Math.round(x * 10) / 10;

// ---- static server and its access log ----
const log = [];
const server = spawn("python3", ["-m", "http.server", String(port), "--bind", "127.0.0.1", "--directory", site], { stdio: ["ignore", "ignore", "pipe"] });
let buf = "";
server.stderr.on("data", (d) => { buf += d; const lines = buf.split("\n"); buf = lines.pop(); log.push(...lines); });
const stopServer = () => { if (server.exitCode === null) server.kill("SIGTERM"); };
process.on("exit", stopServer);
for (let i = 0; ; i++) {
  try { await fetch(base + "/"); break; } catch { if (i > 50) throw new Error("server did not start"); await sleep(100); }
}

const sizeCache = new Map();
function fileSizes(urlPath) {
  let p = decodeURIComponent(urlPath.split("?")[0]);
  if (p.endsWith("/")) p += "index.html";
  if (!sizeCache.has(p)) {
    const b = fs.readFileSync(path.join(site, p));
    sizeCache.set(p, { raw: b.length, gzip6: zlib.gzipSync(b, { level: 6 }).length });
  }
  return sizeCache.get(p);
}
// Files fetched since log mark `from` (200s only).
async function phase(from) {
  await sleep(300);
  const files = [];
  for (const line of log.slice(from)) {
    const m = /"GET (\S+) HTTP\/[\d.]+" (\d+)/.exec(line);
    if (m && m[2] === "200") files.push({ path: m[1], ...fileSizes(m[1]) });
  }
  const sum = (k) => files.reduce((a, f) => a + f[k], 0);
  return { requests: files.length, raw: sum("raw"), gzip6: sum("gzip6"), files: files.map((f) => `${f.path} ${f.raw}/${f.gzip6}`) };
}

const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync"],
});

// ---- oops's page ----
async function open() {
  const ctx = await browser.newContext();
  const page = await ctx.newPage();
  page.on("pageerror", (e) => console.error("pageerror", e.message));
  const mark = log.length;
  const t = performance.now();
  await page.goto(base + "/search/");
  await page.waitForFunction(() => document.getElementById("search-status").textContent !== "", null, { timeout: 60000 });
  return { ctx, page, mark, openMs: performance.now() - t };
}

// keystrokes types q one key at a time and returns the main-thread milliseconds of each key.
// Each page counts the searches it has shown: oops's from its oops:results events, Pagefind's
// (the reference page) from the changes of its result list.
const counter = `window.benchDone = 0;
function benchDone() { window.benchDone++; document.dispatchEvent(new Event("bench:done")); }
document.addEventListener("oops:results", benchDone, true);
document.addEventListener("DOMContentLoaded", function () {
  var list = document.getElementById("results");
  if (list && !document.getElementById("search-form")) new MutationObserver(benchDone).observe(list, { childList: true });
});`;
async function keystrokes(q, tag, pagefind) {
  const ctx = await browser.newContext();
  await ctx.addInitScript(counter);
  const page = await ctx.newPage();
  await page.goto(base + "/search/");
  if (pagefind) await page.waitForFunction(() => window.benchReady === true, null, { timeout: 60000 });
  else await page.waitForFunction(() => document.getElementById("search-status").textContent !== "", null, { timeout: 60000 });
  if (tag) await page.selectOption("#tag", tag).catch(async () => {
    // Pagefind's page fills its tag list when the list gets the focus.
    await page.focus("#tag"); await page.waitForFunction((t) => Array.from(document.querySelectorAll("#tag option")).some((o) => o.value === t), tag);
    await page.selectOption("#tag", tag);
  });
  await sleep(300);
  const cdp = await ctx.newCDPSession(page);
  await cdp.send("Performance.enable");
  // ThreadTime is the main thread's processor time: unlike TaskDuration, it does not grow
  // while other processes hold the machine's cores.
  const busy = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ThreadTime").value * 1000;
  await page.focus("#q");
  const ms = [];
  for (let i = 1; i <= q.length; i++) {
    // The page tells when it has shown the results (no polling, which would cost the
    // main thread time of its own).
    // A key whose results never show is a failure of its own, not a hang of the bench. The
    // listener is in place before the key: a page may show its results during the key itself.
    await page.evaluate(() => { window.benchShown = new Promise((r, fail) => {
      document.addEventListener("bench:done", () => r(), { once: true });
      setTimeout(() => fail(new Error("no results shown 10 s after the key")), 10000);
    }); });
    const before = await busy();
    await page.keyboard.type(q[i - 1]);
    await page.evaluate(() => window.benchShown);
    await sleep(200);
    ms.push(round((await busy()) - before));
  }
  await ctx.close();
  return ms;
}

const result = { chromium: browser.version(), site, engine, cold: {}, warm: {}, correctness: {}, keystrokes: {} };
try {
  if (engine === "oops" && !keysOnly) {
    for (const { name, q, tag } of queries) {
      const { ctx, page, mark, openMs } = await open();
      const opened = await phase(mark);
      const mark2 = log.length;
      const res = await query(page, q, tag);
      const queried = await phase(mark2);
      await ctx.close();
      result.cold[name] = { q, tag, count: res.count, exact: res.exact, openMs: round(openMs), searchMs: round(res.searchMs), renderedMs: round(res.renderedMs), firstMs: res.firstMs === null ? null : round(res.firstMs),
        top: res.top, fetches: res.fetches, open: opened, query: queried, total: { raw: opened.raw + queried.raw, gzip6: opened.gzip6 + queried.gzip6, requests: opened.requests + queried.requests } };
      console.error("oops", name, "count", res.count, "open", opened.gzip6, "query", queried.gzip6, "gzip; rendered", round(res.renderedMs), "ms");
    }
    const { ctx, page } = await open();
    for (const { name, q, tag } of queries) {
      const runs = [];
      // The same search, as q and as q with a trailing space, which the page tells apart.
      for (let i = 0; i < 8; i++) {
        const r = await query(page, i % 2 ? q : q + " ", tag);
        if (i > 0) runs.push(r);
      }
      result.warm[name] = { searchMs: round(median(runs.map((x) => x.searchMs))), renderedMs: round(median(runs.map((x) => x.renderedMs))) };
    }
    const expect = new Set(correctness.expect.map((s) => `/stories/${s}/`));
    for (const { name, q } of correctness.checks) {
      const r = await page.evaluate((q) => window.oopsSearch.find(q, { limit: 100 }), q);
      const urls = r.results.map((x) => x.card.url);
      result.correctness[name] = { q, count: r.count, exact: r.exact, foundInTop100: urls.filter((u) => expect.has(u)).length, of: expect.size };
    }
    await ctx.close();
  }
  for (const { name, q, tag } of queries) {
    result.keystrokes[name] = await keystrokesFor(q, tag);
    console.error(engine, "keys", name, JSON.stringify(result.keystrokes[name]));
  }
} finally {
  await browser.close();
  stopServer();
}
async function keystrokesFor(q, tag) {
  const ms = await keystrokes(q, tag, engine === "pagefind");
  const rest = ms.slice(1);
  return { q, tag, ms, first: ms[0], maxAfterFirst: rest.length ? Math.max(...rest) : 0, medianAfterFirst: rest.length ? median(rest) : 0 };
}
fs.writeFileSync(resultPath, JSON.stringify(result, null, 1));
console.log(JSON.stringify({ cold: Object.fromEntries(Object.entries(result.cold).map(([k, v]) => [k, { count: v.count, openGz: v.open.gzip6, qGz: v.query.gzip6, totalGz: v.total.gzip6, req: v.total.requests, renderedMs: v.renderedMs }])),
  warm: result.warm, correctness: result.correctness,
  keystrokes: Object.fromEntries(Object.entries(result.keystrokes).map(([k, v]) => [k, { first: v.first, maxAfterFirst: v.maxAfterFirst, medianAfterFirst: v.medianAfterFirst }])) }, null, 1));
