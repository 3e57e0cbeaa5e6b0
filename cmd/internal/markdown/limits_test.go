package markdown

import (
	"fmt"
	"strings"
	"testing"
)

// TestHighlightLimits renders code blocks at and past the limits of
// highlighting: past them, a block is shown as it is, in the markup of a
// language without highlighting.
func TestHighlightLimits(t *testing.T) {
	block := func(size int) string {
		line := strings.Repeat("/*<", 9) + "\n"
		code := strings.Repeat(line, size/len(line)) + strings.Repeat("x", size%len(line))
		return "```go\n" + code + "\n```\n"
	}
	plain := `<pre tabindex="0"><code class="language-go">`
	for _, tc := range []struct {
		name   string
		body   string
		chroma int // blocks highlighted
	}{
		{"a block at the limit", block(MaxHighlightBlock - 1), 1},
		{"a block past it", block(MaxHighlightBlock), 0},
		{"blocks up to the limit of a body", strings.Repeat(block(MaxHighlightBlock-1), MaxHighlight/MaxHighlightBlock), MaxHighlight / MaxHighlightBlock},
		{"a block past the limit of a body", strings.Repeat(block(MaxHighlightBlock-1), MaxHighlight/MaxHighlightBlock+1) + block(10), MaxHighlight / MaxHighlightBlock},
	} {
		html := Render([]byte(tc.body)).HTML
		blocks := strings.Count(tc.body, "```go")
		if n := strings.Count(html, `<pre tabindex="0" class="chroma">`); n != tc.chroma {
			t.Errorf("%s: %d blocks highlighted, want %d", tc.name, n, tc.chroma)
		}
		if n := strings.Count(html, plain); n != blocks-tc.chroma {
			t.Errorf("%s: %d blocks shown as they are, want %d:\n%.300s", tc.name, n, blocks-tc.chroma, html)
		}
	}
}

// TestLimits renders bodies at and past each limit: past it, the body has
// one problem, at the place the limit is passed; at it, none.
func TestLimits(t *testing.T) {
	defs := func(n int, f string) string {
		var b strings.Builder
		for i := range n {
			fmt.Fprintf(&b, f, i)
		}
		return b.String()
	}
	for _, tc := range []struct {
		name      string
		at, past  string
		line, col int
	}{
		{"quotes", strings.Repeat("> ", MaxDepth) + "x\n", "Text.\n\n" + strings.Repeat("> ", MaxDepth+1) + "x\n", 3, 2*MaxDepth + 1},
		{"lists", strings.Repeat("- ", MaxDepth) + "x\n", "Text.\n\n" + strings.Repeat("- ", MaxDepth+1) + "x\n", 3, 2*MaxDepth + 1},
		{"lists and quotes", strings.Repeat("> - ", MaxDepth/2) + "x\n", strings.Repeat("> - ", MaxDepth/2) + "> x\n", 1, 2*MaxDepth + 1},
		{"definitions", defs(MaxDefinitions, "[r%d]: /x\n"), defs(MaxDefinitions+1, "[r%d]: /x\n"), MaxDefinitions + 1, 1},
		{"footnotes", defs(MaxDefinitions, "[^%d]: n\n\n"), defs(MaxDefinitions+1, "[^%d]: n\n\n"), 2*MaxDefinitions + 1, 1},
		{"labels", strings.Repeat("[a]\n", 4000), strings.Repeat("[a]\n", 5000), 2133, 3},
		{"address", "[a](" + strings.Repeat("x", MaxDestination) + ")\n", "x [a](" + strings.Repeat("[a](", MaxDestination) + "\n", 1, 5},
		// Each line of the item is in its list and the item.
		{"nested lines", "- x\n" + strings.Repeat("  y\n", MaxNestedLines/2), "- x\n" + strings.Repeat("  y\n", MaxNestedLines/2+1), MaxNestedLines/2 + 2, 1},
	} {
		if p := Render([]byte(tc.at)).Problems; len(p) != 0 {
			t.Errorf("%s at the limit: %v", tc.name, p)
		}
		p := Render([]byte(tc.past)).Problems
		if len(p) != 1 || p[0].Line != tc.line || p[0].Col != tc.col {
			t.Errorf("%s past the limit: %v, want one at %d:%d", tc.name, p, tc.line, tc.col)
		}
	}
}

// TestUnknownLanguages renders blocks of languages chroma does not know:
// each is shown as it is, in the markup chroma's own fallback gives, and
// only the first MaxFileLanguages of a body, each no longer than
// MaxLanguage, are looked for among chroma's file names, which takes
// milliseconds a name.
func TestUnknownLanguages(t *testing.T) {
	fileLanguages.Clear()
	var body strings.Builder
	body.WriteString("```yml\na: 1\n```\n```" + strings.Repeat("z", MaxLanguage+1) + "\nx\n```\n")
	for i := range 3 * MaxFileLanguages {
		fmt.Fprintf(&body, "```zz%d\nx <b>\n```\n", i)
	}
	for range 2 {
		html := Render([]byte(body.String())).HTML
		if want := "<pre tabindex=\"0\"><code class=\"language-zz0\">x &lt;b&gt;\n</code></pre>\n"; !strings.Contains(html, want) {
			t.Errorf("an unknown language is not shown as %q:\n%.300s", want, html)
		}
		if n := strings.Count(html, `<pre tabindex="0"><code class="language-z`); n != 3*MaxFileLanguages+1 {
			t.Errorf("%d blocks shown as they are, want %d", n, 3*MaxFileLanguages+1)
		}
		if !strings.Contains(html, `<span class="nt">a</span>`) {
			t.Errorf("yml, an extension chroma knows, is not highlighted")
		}
	}
	n := 0
	fileLanguages.Range(func(k, _ any) bool {
		if len(k.(string)) > MaxLanguage {
			t.Errorf("a language of %d bytes was looked for among file names", len(k.(string)))
		}
		n++
		return true
	})
	if n > MaxFileLanguages {
		t.Errorf("%d languages looked for among file names, want at most %d", n, MaxFileLanguages)
	}
}
