#!/bin/sh
# Builds a corpus with oops build and for Pagefind, then measures both in headless Chromium in one
# sitting, alternated, ROUNDS times: bytes to open /search/ and show a first query's results, cold
# and warm latency, correctness, and the main-thread work of each keystroke.
#
# usage: bench/search/run.sh CORPUS [ROUNDS]
#   CORPUS   a library folder, such as python3 /work/shared/bench/gen_corpus.py 10000 /tmp/c10k
#   SHARED   the reference bench (default /tmp/sb: cp -r /work/shared/bench/search /tmp/sb && cd /tmp/sb && npm ci)
#   WORK     where sites and builds go (default /tmp/oops-search-bench/NAME, NAME the corpus folder's name)
#   PAGEFIND 0 to measure oops alone (Pagefind runs out of memory near 100,000 stories)
# Results: bench/out/search/NAME/ (git-ignored), summed up in summary.md there.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpus=$(cd "$1" && pwd)
rounds=${2:-3}
name=$(basename "$corpus")
shared=${SHARED:-/tmp/sb}
work=${WORK:-/tmp/oops-search-bench/$name}
out=$repo/bench/out/search/$name
mkdir -p "$work" "$out"

echo "== oops build ($corpus)"
(cd "$repo" && go build -o "$work/oops" ./cmd/oops)
rm -rf "$work/oops-site"
/usr/bin/time -v "$work/oops" build -source "$corpus" -dest "$work/oops-site" 2> "$out/oops-build.txt"
grep -E "Elapsed|Maximum resident" "$out/oops-build.txt"

pagefind=${PAGEFIND:-1}
if [ "$pagefind" = 1 ] && [ ! -f "$work/pagefind-site/pagefind/pagefind.js" ]; then
	echo "== Pagefind site and index"
	node "$shared/build_site.mjs" "$corpus" "$work/pagefind-site" "$work/docs.json"
	(cd "$shared" && /usr/bin/time -v npx pagefind --site "$work/pagefind-site") > "$out/pagefind-build.txt" 2>&1
	grep -E "Elapsed|Maximum resident" "$out/pagefind-build.txt"
fi

r=1
while [ "$r" -le "$rounds" ]; do
	if [ "$pagefind" = 1 ]; then
		echo "== round $r: Pagefind"
		node "$shared/bench_browser.mjs" "$work/pagefind-site" "$out/pagefind-$r.json" --engines pagefind --port 8765 > /dev/null
		node "$here/oops_browser.mjs" "$work/pagefind-site" "$out/pagefind-keys-$r.json" --shared "$shared" --engine pagefind --port 8767 > /dev/null
	fi
	echo "== round $r: oops"
	node "$here/oops_browser.mjs" "$work/oops-site" "$out/oops-$r.json" --shared "$shared" --port 8766 > /dev/null
	r=$((r + 1))
done
node "$here/summary.mjs" "$out" | tee "$out/summary.md"
