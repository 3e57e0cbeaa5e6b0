#!/usr/bin/env node
// Round trips: how many times a first query waits on the network, on a server as slow as a far
// one (bench/search/slowserve: HTTP/2, each index file answered after DELAY), for oops's search
// page and, with --pagefind, the reference bench's Pagefind page. Each query runs cold, in a fresh
// browser context, after its page has opened; the requests for index files it makes are grouped
// into round trips by when they reach the server (one that arrives more than DELAY/2 after the
// first of a round trip starts the next).
//
// usage: node bench/search/trips.mjs OOPS_SITE [--pagefind PAGEFIND_SITE] [--shared DIR] [--delay 100ms] [--rounds 3]
//   OOPS_SITE      a site built by oops build (run.sh builds one under /tmp/oops-search-bench)
//   PAGEFIND_SITE  the reference bench's Pagefind site (run.sh builds it too)
//   --shared       the reference bench, with `npm ci` done (default /tmp/sb): its queries and Playwright
import fs from "node:fs";
import path from "node:path";
import os from "node:os";
import { spawn, execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { query } from "./oops_query.mjs";

const argv = process.argv.slice(2);
const opt = (name, dflt) => { const i = argv.indexOf(name); if (i < 0) return dflt; const v = argv[i + 1]; argv.splice(i, 2); return v; };
const shared = opt("--shared", "/tmp/sb");
const pagefindSite = opt("--pagefind", "");
const delay = opt("--delay", "100ms");
const rounds = Number(opt("--rounds", "3"));
const [oopsSite] = argv;
if (!oopsSite) { console.error("usage: node trips.mjs OOPS_SITE [--pagefind SITE] [--shared DIR] [--delay 100ms] [--rounds 3]"); process.exit(2); }
const { chromium } = createRequire(path.join(shared, "package.json"))("playwright-core");
const { queries } = JSON.parse(fs.readFileSync(path.join(shared, "queries.json"), "utf8"));
const delayMs = parseFloat(delay) * (delay.endsWith("ms") ? 1 : 1000);
const here = path.dirname(new URL(import.meta.url).pathname);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };

const work = fs.mkdtempSync(path.join(os.tmpdir(), "trips-"));
const slowserve = path.join(work, "slowserve");
execFileSync("go", ["build", "-o", slowserve, "./bench/search/slowserve"], { cwd: path.join(here, "../.."), stdio: "inherit" });

// serve starts slowserve on site, delaying the requests under prefix; it returns the URL, the log
// and a stop function.
async function serve(site, prefix) {
  const log = path.join(work, "log-" + path.basename(site));
  const srv = spawn(slowserve, [site, delay, log, prefix], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise((r) => srv.stdout.once("data", (b) => r(b.toString().trim())));
  return { url, log, stop: () => srv.kill() };
}

function lines(log) { return fs.readFileSync(log, "utf8").split("\n").filter((l) => l.trim()); }

// trips groups the log's lines from mark on into round trips.
function trips(log, mark) {
  const ts = lines(log).slice(mark).map((l) => parseFloat(l.split(" ")[0]) * 1000).sort((a, b) => a - b);
  let n = 0, first = -Infinity;
  for (const t of ts) if (t - first > delayMs / 2) { n++; first = t; }
  return { requests: ts.length, trips: n };
}

const engines = {
  oops: {
    site: oopsSite, prefix: "/assets/search/",
    ready: (page) => page.waitForFunction(() => document.getElementById("search-status").textContent !== ""),
    query: async (page, q, tag) => {
      const r = await query(page, q, tag);
      return { ms: r.searchMs, shown: r.shown };
    },
  },
  pagefind: {
    site: pagefindSite, prefix: "/pagefind/",
    ready: (page) => page.waitForFunction(() => window.benchReady === true, null, { timeout: 120000 }),
    query: (page, q, tag) => page.evaluate(async ([q, tag]) => {
      const r = await window.bench(q, tag);
      return { ms: r.renderedMs, shown: r.top.length };
    }, [q, tag || ""]),
  },
};

const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--ignore-certificate-errors", "--no-first-run", "--disable-background-networking"] });
const results = {};
for (const [name, e] of Object.entries(engines)) {
  if (!e.site) continue;
  const s = await serve(path.resolve(e.site), e.prefix);
  for (let r = 0; r < rounds; r++) {
    for (const { name: qn, q, tag } of queries) {
      const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
      const page = await ctx.newPage();
      await page.goto(s.url + "/search/");
      await e.ready(page);
      await sleep(300);
      const mark = lines(s.log).length;
      console.error(name, qn, "round", r + 1);
      const res = await e.query(page, q, tag);
      await sleep(delayMs + 200);
      const t = trips(s.log, mark);
      const k = `${qn}|${name}`;
      (results[k] ||= []).push({ ...t, ms: res.ms, shown: res.shown });
      await ctx.close();
    }
  }
  s.stop();
}
await browser.close();
fs.rmSync(work, { recursive: true, force: true });
console.log(`Round trips of a first query, ${delay} a request for an index file, HTTP/2; median over ${rounds} rounds.\n`);
console.log("| query | engine | results shown | index requests | round trips | results shown after, ms |");
console.log("|---|---|---|---|---|---|");
for (const { name: qn, q, tag } of queries) {
  for (const name of Object.keys(engines)) {
    const rs = results[`${qn}|${name}`];
    if (!rs) continue;
    console.log(`| ${qn}: ${q}${tag ? ` (tag ${tag})` : ""} | ${name} | ${median(rs.map((x) => x.shown))} | ${median(rs.map((x) => x.requests))} | ${median(rs.map((x) => x.trips))} | ${Math.round(median(rs.map((x) => x.ms)))} |`);
  }
}
