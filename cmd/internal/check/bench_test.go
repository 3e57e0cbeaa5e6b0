package check

import (
	"os"
	"testing"

	"oops/cmd/internal/source"
)

// BenchmarkCheck checks a generated library of 1,000 stories:
//
//	python3 /work/shared/bench/gen_corpus.py 1000 /tmp/c1k
//	go test -bench Check -benchtime 5x ./cmd/internal/check/
//
// It is skipped when OOPS_BENCH_LIBRARY (default /tmp/c1k) does not exist.
func BenchmarkCheck(b *testing.B) {
	dir := os.Getenv("OOPS_BENCH_LIBRARY")
	if dir == "" {
		dir = "/tmp/c1k"
	}
	src, err := source.Open(dir)
	if err != nil {
		b.Skipf("no library at %s: %v", dir, err)
	}
	for b.Loop() {
		if _, err := Check(src, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
