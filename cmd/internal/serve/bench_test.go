//go:build unix

package serve

import (
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"oops/cmd/internal/build"
	"oops/cmd/internal/source"
)

// BenchmarkNewStory measures an update that adds a story to a library
// (OOPS_CORPUS, a copy of it is made; skipped when unset), as watch mode
// does when a writer saves a new file.
func BenchmarkNewStory(b *testing.B) {
	corpus := os.Getenv("OOPS_CORPUS")
	if corpus == "" {
		b.Skip("OOPS_CORPUS is not set")
	}
	dir := b.TempDir()
	if err := os.CopyFS(dir, os.DirFS(corpus)); err != nil {
		b.Fatal(err)
	}
	src, err := source.Open(dir)
	if err != nil {
		b.Fatal(err)
	}
	live, _, err := NewLive(src, b.TempDir(), build.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	cpu := cpuTime()
	for i := range b.N {
		name := fmt.Sprintf("content/stories/zz-bench-%d.md", i)
		text := fmt.Sprintf("---\ntitle: A new story %d\ndate: 2099-01-%02d\nsummary: Something broke.\ntags: [dns, deploys]\n---\nThe resolver failed after a deploy.\n", i, 1+i%28)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			b.Fatal(err)
		}
		res, err := live.Update([]string{name})
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(res.Pages), "pages")
	}
	b.ReportMetric(float64((cpuTime()-cpu).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// cpuTime is the processor time the process has used, user and system.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
