package fold_test

import (
	"os"
	"strings"
	"testing"

	"oops/cmd/internal/fold"
)

// TestString folds the strings of testdata/folds.txt, which the search
// page's script must fold the same (a browser test of cmd/internal/search
// feeds them to it).
func TestString(t *testing.T) {
	data, err := os.ReadFile("testdata/folds.txt")
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		in, want, ok := strings.Cut(line, "\t")
		if strings.HasPrefix(line, "#") {
			continue
		}
		if !ok {
			t.Fatalf("testdata/folds.txt: %q has no tab", line)
		}
		if got := fold.String(in); got != want {
			t.Errorf("String(%q) = %q, want %q", in, got, want)
		}
	}
}
