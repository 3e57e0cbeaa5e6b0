#!/bin/sh
# The main-thread work of each keystroke on oops's search page beside two floor pages made from
# the same site (floor.mjs): the page with no script at all, and the page that shows ten new
# static cards on every key without searching. Alternated, in one sitting, ROUNDS times.
#
# usage: bench/search/floor.sh SITE_DIR [ROUNDS]
#   SITE_DIR  a site built by oops build, such as /tmp/oops-search-bench/c10k/oops-site (run.sh)
#   SHARED    the reference bench, with `npm ci` done (default /tmp/sb)
# Results: bench/out/search/floor/ (git-ignored), summed up in summary.md there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
site=$(cd "$1" && pwd)
rounds=${2:-3}
shared=${SHARED:-/tmp/sb}
out=$repo/bench/out/search/floor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
rm -f "$out"/*.json
node "$here/floor.mjs" "$site" "$work"
r=1
while [ "$r" -le "$rounds" ]; do
	for page in oops nojs cards; do
		dir=$work/$page
		[ "$page" = oops ] && dir=$site
		echo "== round $r: $page"
		node "$here/oops_browser.mjs" "$dir" "$out/$page-$r.json" --shared "$shared" --keys-only --port 8768 > /dev/null
	done
	r=$((r + 1))
done
node - "$out" <<'JS' | tee "$out/summary.md"
const fs = require("fs"), path = require("path"), dir = process.argv[2];
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; };
const pages = { oops: "oops's search page", nojs: "floor: the page without scripts", cards: "floor: ten new static cards a key" };
const runs = (p) => fs.readdirSync(dir).filter((f) => f.startsWith(p + "-")).map((f) => JSON.parse(fs.readFileSync(path.join(dir, f))));
console.log("| page | query | keys after the first: median of the rounds' medians, ms | max of any key, ms |");
console.log("|---|---|---|---|");
for (const [p, label] of Object.entries(pages)) {
  const rs = runs(p);
  for (const name of Object.keys(rs[0].keystrokes)) {
    const ks = rs.map((r) => r.keystrokes[name]);
    console.log(`| ${label} | ${ks[0].q}${ks[0].tag ? " (tag " + ks[0].tag + ")" : ""} | ${median(ks.map((k) => k.medianAfterFirst))} | ${Math.max(...ks.map((k) => k.maxAfterFirst))} |`);
  }
}
JS
