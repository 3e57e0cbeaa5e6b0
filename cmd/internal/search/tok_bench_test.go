package search

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkCount measures reading the words of 2,000 stories of the
// benchmark corpus ($OOPS_BENCH_CORPUS, or /tmp/c10k) as raw Markdown.
func BenchmarkCount(b *testing.B) {
	dir := os.Getenv("OOPS_BENCH_CORPUS")
	if dir == "" {
		dir = "/tmp/c10k"
	}
	files, _ := filepath.Glob(filepath.Join(dir, "content/stories/*.md"))
	if len(files) == 0 {
		b.Skipf("no corpus at %s", dir)
	}
	files = files[:min(len(files), 2000)]
	var texts [][]byte
	n := 0
	for _, f := range files {
		t, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, t)
		n += len(t)
	}
	b.Run("scan", func(b *testing.B) {
		b.SetBytes(int64(n))
		var t tokenizer
		for b.Loop() {
			for _, x := range texts {
				t.scan(x, func([]byte) {})
			}
		}
	})
	b.Run("count", func(b *testing.B) {
		b.SetBytes(int64(n))
		d := new(dict)
		c := new(counter)
		for b.Loop() {
			for _, x := range texts {
				c.reset()
				c.scan(x, 1)
				c.encode(d)
			}
		}
	})
}
