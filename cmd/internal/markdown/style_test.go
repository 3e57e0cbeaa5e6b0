package markdown

import (
	"bytes"
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// The default look's chroma.css must be what StyleCSS makes.
func TestStyleCSSUpToDate(t *testing.T) {
	const file = "../../../static/css/chroma.css"
	want := StyleCSS()
	if *update {
		if err := os.WriteFile(file, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is out of date: run go test ./cmd/internal/markdown -update", file)
	}
}

// Every class the light style colours, the dark style colours too: the
// light rules apply to dark pages as well, and a colour left over from
// them would be dark on dark.
func TestDarkStyleCoversLight(t *testing.T) {
	css := string(StyleCSS())
	light, dark, ok := strings.Cut(css, "@media screen and (prefers-color-scheme: dark)")
	if !ok {
		t.Fatal("no dark block")
	}
	rule := regexp.MustCompile(`\.chroma \.([a-z0-9]+) \{(?:[^}]*;)?\s*color:`)
	coloured := func(css string) map[string]bool {
		m := map[string]bool{}
		for _, r := range rule.FindAllStringSubmatch(css, -1) {
			m[r[1]] = true
		}
		return m
	}
	dk := coloured(dark)
	for class := range coloured(light) {
		if !dk[class] {
			t.Errorf(".chroma .%s has a colour in the light style and none in the dark", class)
		}
	}
}
