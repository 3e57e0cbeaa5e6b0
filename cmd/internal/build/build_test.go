package build

import (
	"os"
	"path/filepath"
	"testing"
)

func put(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestCheckDest(t *testing.T) {
	src := t.TempDir()
	for _, d := range []string{"content", "layouts", "static"} {
		os.MkdirAll(filepath.Join(src, d), 0o755)
	}
	other := t.TempDir()
	put(t, filepath.Join(other, "notes.txt"), "mine")
	previous := t.TempDir()
	put(t, filepath.Join(previous, "urls.txt"), "/\n")
	put(t, filepath.Join(previous, Marker), markerText)
	lookalike := t.TempDir()
	put(t, filepath.Join(lookalike, "urls.txt"), "/\n")
	put(t, filepath.Join(lookalike, "thesis.txt"), "mine")
	for _, tc := range []struct {
		dest string
		ok   bool
	}{
		{filepath.Join(src, "public"), true},
		{filepath.Join(t.TempDir(), "new"), true},
		{previous, true},
		{src, false},
		{filepath.Dir(src), false},
		{filepath.Join(src, "content"), false},
		{filepath.Join(src, "static", "deep", "er"), false},
		{filepath.Join(src, "layouts"), false},
		{other, false},
		{lookalike, false},
		{filepath.Join(src, "content", "..", "content"), false},
	} {
		err := CheckDest(src, tc.dest)
		if (err == nil) != tc.ok {
			t.Errorf("CheckDest(%s): %v, want ok=%v", tc.dest, err, tc.ok)
		}
	}
	// Through a symbolic link to the source, too.
	link := filepath.Join(t.TempDir(), "link")
	if os.Symlink(src, link) == nil {
		if err := CheckDest(src, filepath.Join(link, "content")); err == nil {
			t.Error("a destination reached through a symbolic link into content/ was allowed")
		}
	}
}
