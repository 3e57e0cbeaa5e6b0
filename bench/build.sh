#!/bin/sh
# Build benchmark: oops build beside Hugo (the reference site in
# ../shared/bench) on the same generated corpus, alternated, in one sitting.
#
# usage: bench/build.sh [SIZES...]        (default: 1000 10000)
#
# Needs hugo, hyperfine and python3 (apt-get install -y hugo hyperfine).
# Prints hyperfine's wall and CPU times and each side's peak RSS over
# alternated runs; results also go to bench/out/. Both write their output
# under $BENCH_OUT (default /tmp); BENCH_OUT=/dev/shm keeps the disk's noise
# out of the comparison.
set -eu
cd "$(dirname "$0")/.."
ref=${OOPS_BENCH_REF:-../shared/bench}
out=bench/out
mkdir -p "$out"
go build -o "$out/oops" ./cmd/oops
oops=$(pwd)/$out/oops
sizes=${*:-1000 10000}
o=${BENCH_OUT:-/tmp}/oops-bench-out
for n in $sizes; do
	corpus=/tmp/oops-bench-c$n
	[ -d "$corpus" ] || python3 "$ref/gen_corpus.py" "$n" "$corpus"
	echo "== $n stories"
	hyperfine -w 1 -r "${RUNS:-5}" -N \
		-p "rm -rf $o-oops $o-hugo" \
		--export-json "$out/build-$n.json" \
		"$oops build -source $corpus -dest $o-oops" \
		"$ref/hugo_build.sh $corpus $o-hugo"
	for i in 1 2 3; do
		rm -rf $o-oops $o-hugo
		/usr/bin/time -f "oops peak RSS %M KiB, wall %e s, user %U s, sys %S s" "$oops" build -source "$corpus" -dest $o-oops
		/usr/bin/time -f "hugo peak RSS %M KiB, wall %e s, user %U s, sys %S s" "$ref/hugo_build.sh" "$corpus" $o-hugo >/dev/null
	done 2>&1 | tee "$out/rss-$n.txt"
done
rm -rf $o-oops $o-hugo
