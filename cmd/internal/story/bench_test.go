package story

import (
	"os"
	"testing"

	"oops/cmd/internal/front"
)

func BenchmarkParseCorpusStory(b *testing.B) {
	src, err := os.ReadFile("/tmp/c10k/content/stories/00042-" + "x.md")
	if err != nil {
		matches, _ := os.ReadDir("/tmp/c10k/content/stories")
		src, _ = os.ReadFile("/tmp/c10k/content/stories/" + matches[42].Name())
	}
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
