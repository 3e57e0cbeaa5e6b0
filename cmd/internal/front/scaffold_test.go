package front_test

import (
	"strings"
	"testing"

	"oops/cmd/internal/front"
	"oops/cmd/internal/scaffold"
)

// TestSimpleTakesNewStories: the front matter oops new writes, filled in
// or not, is decoded by the fast path.
func TestSimpleTakesNewStories(t *testing.T) {
	for _, f := range []scaffold.Fields{
		scaffold.Placeholder,
		{Title: "The migration that locked the orders table", Date: "2024-05-02", Tags: []string{"deploys", "database"}},
		{Title: "Café — 東京", Date: "2024-05-02", Tags: []string{"cafe"}, Slug: "cafe"},
	} {
		src := string(scaffold.Template(f))
		meta, _, _ := strings.Cut(strings.TrimPrefix(src, "---\n"), "\n---\n")
		if _, ok := front.ParseSimple([]byte(meta+"\n"), 1); !ok {
			t.Errorf("the fast path declined what oops new writes:\n%s", meta)
		}
	}
}
