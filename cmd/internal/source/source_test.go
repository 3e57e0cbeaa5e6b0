package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestReadStaysInside reads through symbolic links that stay inside the
// folder, from a folder already read and not, and refuses every one that
// leads out, wherever it is on the path.
func TestReadStaysInside(t *testing.T) {
	dir, outside := t.TempDir(), t.TempDir()
	write(t, filepath.Join(dir, "content/stories/real.md"), "real")
	write(t, filepath.Join(outside, "secret.md"), "secret")
	links := map[string]string{
		"content/stories/inside.md":     "real.md",
		"content/stories/up-and-in.md":  "../../content/stories/real.md",
		"content/stories/out.md":        filepath.Join(outside, "secret.md"),
		"content/stories/up-and-out.md": "../../../" + filepath.Base(outside) + "/secret.md",
		"content/out-dir":               outside,
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	src, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	for range 2 { // the second time, from the folders kept open
		for _, name := range []string{"content/stories/real.md", "content/stories/inside.md", "content/stories/up-and-in.md"} {
			if data, err := src.ReadFile(name); err != nil || string(data) != "real" {
				t.Errorf("%s: %q, %v; want real", name, data, err)
			}
		}
		for _, name := range []string{"content/stories/out.md", "content/stories/up-and-out.md", "content/out-dir/secret.md"} {
			if data, err := src.ReadFile(name); !errors.Is(err, ErrEscapes) {
				t.Errorf("%s: %q, %v; want ErrEscapes", name, data, err)
			}
		}
	}
}

// TestForget moves a folder that files were read from and puts another in
// its place: once told to forget, the Source reads the new one.
func TestForget(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content/stories/a.md"), "old")
	src, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	if data, _ := src.ReadFile("content/stories/a.md"); string(data) != "old" {
		t.Fatalf("read %q", data)
	}
	os.Rename(filepath.Join(dir, "content/stories"), filepath.Join(dir, "content/moved"))
	write(t, filepath.Join(dir, "content/stories/a.md"), "new")
	src.Forget()
	if data, err := src.ReadFile("content/stories/a.md"); string(data) != "new" {
		t.Errorf("after the folder was replaced: %q, %v; want new", data, err)
	}
	os.Remove(filepath.Join(dir, "content/stories/a.md"))
	src.Forget()
	if _, err := src.ReadFile("content/stories/a.md"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a removed file: %v", err)
	}
}
