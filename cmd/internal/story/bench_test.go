package story

import (
	"os"
	"testing"

	"oops/cmd/internal/front"
)

func BenchmarkParseCorpusStory(b *testing.B) {
	dir := os.Getenv("OOPS_CORPUS")
	if dir == "" {
		b.Skip("set OOPS_CORPUS to a generated library to run this benchmark")
	}
	dir += "/content/stories/"
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Fatal(err)
	}
	src, _ := os.ReadFile(dir + entries[len(entries)/2].Name())
	b.Run("story", func(b *testing.B) {
		for b.Loop() {
			Parse("content/stories/x.md", src)
		}
	})
	b.Run("front", func(b *testing.B) {
		for b.Loop() {
			front.Parse(src)
		}
	})
	b.Run("body", func(b *testing.B) {
		for b.Loop() {
			front.Body(src)
		}
	})
}
