package build

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBuild builds the library named by $OOPS_CORPUS (a gen_corpus.py
// output folder) whole, as oops build does, into a folder in /dev/shm
// when there is one, so that the disk's noise stays out. With
// -cpuprofile it says where a build spends its time:
//
//	OOPS_CORPUS=/tmp/oops-bench-c10000 go test -run '^$' -bench Build -benchtime 1x -cpuprofile /tmp/build.prof ./cmd/internal/build/
//	go tool pprof -top -cum /tmp/build.prof
func BenchmarkBuild(b *testing.B) {
	src := os.Getenv("OOPS_CORPUS")
	if src == "" {
		b.Skip("set OOPS_CORPUS to a generated library to run this benchmark")
	}
	parent := ""
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		parent = "/dev/shm"
	}
	dir, err := os.MkdirTemp(parent, "oops-bench-build-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(dir)
	for b.Loop() {
		// No destination yet, each time: replacing the last one would
		// add its removal to the build.
		dest := filepath.Join(dir, "out")
		b.StopTimer()
		os.RemoveAll(dest)
		b.StartTimer()
		res, err := Build(Options{Source: src, Dest: dest})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Files), "files")
	}
}
