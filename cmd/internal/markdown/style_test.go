package markdown

import (
	"bytes"
	"flag"
	"os"
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
