#!/usr/bin/env node
// Sums up the results of run.sh: for each query, oops beside Pagefind, the median over the rounds
// with the range in brackets.
// usage: node summary.mjs OUT_DIR
import fs from "node:fs";
import path from "node:path";

const dir = process.argv[2];
const read = (prefix) => fs.readdirSync(dir).filter((f) => new RegExp(`^${prefix}-\\d+\\.json$`).test(f)).sort()
  .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), "utf8")));
const oops = read("oops"), pf = read("pagefind").map((r) => r.engines.pagefind), pfKeys = read("pagefind-keys");
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const stat = (xs, unit = "") => {
  xs = xs.filter((x) => x !== undefined && x !== null);
  if (!xs.length) return "–";
  const r = (x) => (Math.round(x * 10) / 10).toLocaleString("en");
  return xs.length === 1 ? r(xs[0]) + unit : `${r(median(xs))}${unit} [${r(Math.min(...xs))}–${r(Math.max(...xs))}]`;
};
const kb = (b) => b / 1000;
const names = Object.keys((oops[0] || {}).cold || (pf[0] || {}).cold || {});
const out = [];
out.push(`Rounds: oops ${oops.length}, Pagefind ${pf.length}. Chromium ${(oops[0] || {}).chromium || ""}. Median [min–max] over rounds.`, "");
out.push("| query | engine | results | open, kB gzip | query, kB gzip | total, kB gzip | requests | cold: results shown, ms | warm, ms | keystrokes after the first: max / median main-thread ms |");
out.push("|---|---|---|---|---|---|---|---|---|---|");
for (const n of names) {
  const o = oops.map((r) => r.cold[n]), p = pf.map((r) => r.cold[n]).filter(Boolean);
  const q = (o[0] || p[0]).q + ((o[0] || p[0]).tag ? ` (tag ${(o[0] || p[0]).tag})` : "");
  const ok = oops.map((r) => r.keystrokes[n]).filter(Boolean), pk = pfKeys.map((r) => r.keystrokes[n]).filter(Boolean);
  out.push(`| ${n}: ${q} | oops | ${o[0].count}${o[0].exact ? "" : " (about)"} | ${stat(o.map((x) => kb(x.open.gzip6)))} | ${stat(o.map((x) => kb(x.query.gzip6)))} | ${stat(o.map((x) => kb(x.total.gzip6)))} | ${o[0].total.requests} | ${stat(o.map((x) => x.renderedMs))} (first ${stat(o.map((x) => x.firstMs))}) | ${stat(oops.map((r) => r.warm[n].renderedMs))} | ${stat(ok.map((k) => k.maxAfterFirst))} / ${stat(ok.map((k) => k.medianAfterFirst))} |`);
  if (!p.length) continue;
  out.push(`| | Pagefind | ${p[0].count} | ${stat(p.map((x) => kb(x.open.gzip6)))} | ${stat(p.map((x) => kb(x.query.gzip6)))} | ${stat(p.map((x) => kb(x.open.gzip6 + x.query.gzip6)))} | ${p[0].open.requests + p[0].query.requests} | ${stat(p.map((x) => x.renderedMs))} | ${stat(pf.map((r) => r.warm[n].renderedMs))} | ${stat(pk.map((k) => k.maxAfterFirst))} / ${stat(pk.map((k) => k.medianAfterFirst))} |`);
}
out.push("", "Correctness (the six stories that hold rozedive, found in the first 100 results):", "");
out.push("| check | oops | Pagefind |", "|---|---|---|");
for (const [n, c] of Object.entries((oops[0] || {}).correctness || {})) {
  const p = (pf[0] || { correctness: {} }).correctness[n];
  out.push(`| ${n}: ${c.q} | ${c.foundInTop100}/${c.of} of ${c.count} results | ${p ? `${p.foundInTop100}/${p.of} of ${p.count} results` : "–"} |`);
}
console.log(out.join("\n"));
