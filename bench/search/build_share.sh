#!/bin/sh
# What the search index adds to oops build: this tree's build beside the
# same tree built without the index (linked with
# -X oops/cmd/internal/build.withoutIndex=yes), alternated, on one corpus;
# then the index's own Go benchmarks.
#
# usage: bench/search/build_share.sh CORPUS [RUNS]
# Writes to /dev/shm when it exists, so that the disk's noise stays out.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
corpus=$(cd "$1" && pwd)
runs=${2:-7}
work=${WORK:-/tmp/oops-search-share}
out=/tmp
[ -d /dev/shm ] && out=/dev/shm
mkdir -p "$work"
(cd "$repo" && go build -ldflags=-X=oops/cmd/internal/build.withoutIndex=yes -o "$work/oops-base" ./cmd/oops)
(cd "$repo" && go build -o "$work/oops" ./cmd/oops)
hyperfine -w 1 -r "$runs" -N -p "rm -rf $out/share-base $out/share-search" \
	--export-json "$work/build.json" \
	"$work/oops-base build -source $corpus -dest $out/share-base" \
	"$work/oops build -source $corpus -dest $out/share-search"
for i in 1 2 3; do
	rm -rf "$out/share-base" "$out/share-search"
	/usr/bin/time -f "without the index: peak RSS %M KiB, wall %e s, user %U s, sys %S s" "$work/oops-base" build -source "$corpus" -dest "$out/share-base"
	/usr/bin/time -f "with the index:    peak RSS %M KiB, wall %e s, user %U s, sys %S s" "$work/oops" build -source "$corpus" -dest "$out/share-search"
done
rm -rf "$out/share-base" "$out/share-search"
cd "$repo" && OOPS_BENCH_CORPUS=$corpus go test -run '^$' -bench 'Add|Write' -benchtime 5x -count 3 ./cmd/internal/search/
