package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestNoContentFolderKeepsThePublishedSite builds a library, then takes
// its content/ folder away or puts a file in its place: build and check
// fail, naming content, and the published site stays as it was.
func TestNoContentFolderKeepsThePublishedSite(t *testing.T) {
	for _, tc := range []struct {
		name    string
		replace func(content string) error
	}{
		{"missing", os.RemoveAll},
		{"a file", func(content string) error {
			if err := os.RemoveAll(content); err != nil {
				return err
			}
			return os.WriteFile(content, []byte("not a folder\n"), 0o644)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := libraryFrom(t, small)
			if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
				t.Fatal(stderr)
			}
			public := filepath.Join(src, "public")
			before := tree(t, public)
			if err := tc.replace(filepath.Join(src, "content")); err != nil {
				t.Fatal(err)
			}
			for _, cmd := range []string{"build", "check"} {
				code, _, stderr := runOops(t, cmd, "-source", src)
				if code != 1 || !strings.HasPrefix(stderr, "content:1:1: ") {
					t.Errorf("%s: exit %d, stderr %q; want 1 and an error at content:1:1", cmd, code, stderr)
				}
			}
			if after := tree(t, public); !mapsEqual(before, after) {
				t.Error("the published site changed")
			}
		})
	}
}

// TestDestOnlyReplacesOwnOutput points -dest at folders that hold a
// urls.txt like oops's but are not its output: the build refuses them
// and leaves every file as it was. A folder an earlier build wrote is
// replaced.
func TestDestOnlyReplacesOwnOutput(t *testing.T) {
	src := libraryFrom(t, small)
	for _, files := range []map[string]string{
		{"urls.txt": "/\n", "thesis.txt": "three years of work\n"},
		{"urls.txt": "/\n", "index.html": "<p>mine</p>\n", "sitemap.xml": "<urlset/>\n"},
		{".oops-site": "", "urls.txt": "/\n"}, // a marker that is a folder is not oops's
	} {
		dest := t.TempDir()
		for name, text := range files {
			if text == "" {
				os.Mkdir(filepath.Join(dest, name), 0o755)
				continue
			}
			writeFile(t, filepath.Join(dest, name), text)
		}
		before := tree(t, dest)
		code, _, stderr := runOops(t, "build", "-source", src, "-dest", dest)
		if code != 1 || !strings.Contains(stderr, "oops did not write") {
			t.Errorf("%v: exit %d, stderr %q", files, code, stderr)
		}
		if after := tree(t, dest); !mapsEqual(before, after) {
			t.Errorf("%v: a refused build changed the folder", files)
		}
	}
	dest := filepath.Join(t.TempDir(), "site")
	for range 2 {
		if code, _, stderr := runOops(t, "build", "-source", src, "-dest", dest); code != 0 {
			t.Fatalf("building over oops's own output: %s", stderr)
		}
	}
}

// TestBuildSweepsLeftovers leaves folders beside the destination as a
// killed build would: the next build removes them, and only them.
func TestBuildSweepsLeftovers(t *testing.T) {
	src := libraryFrom(t, small)
	left := []string{".public.building-2147483000-12345", ".public.building-999999999", ".public.building-2147483000-1.old"}
	for _, name := range left {
		writeFile(t, filepath.Join(src, name, "index.html"), "half a site\n")
	}
	writeFile(t, filepath.Join(src, ".public.building-notes", "keep.txt"), "not a build's\n")
	if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
		t.Fatal(stderr)
	}
	for _, name := range left {
		if _, err := os.Stat(filepath.Join(src, name)); !os.IsNotExist(err) {
			t.Errorf("%s is still there", name)
		}
	}
	if _, err := os.Stat(filepath.Join(src, ".public.building-notes", "keep.txt")); err != nil {
		t.Errorf("a folder no build left was removed: %v", err)
	}
}

// TestLookFoldersThatAreFiles puts a file where layouts/ or static/ goes:
// build and check fail with one error at it, and the published site stays.
func TestLookFoldersThatAreFiles(t *testing.T) {
	for _, dir := range []string{"layouts", "static"} {
		t.Run(dir, func(t *testing.T) {
			src := libraryFrom(t, small)
			if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
				t.Fatal(stderr)
			}
			public := filepath.Join(src, "public")
			before := tree(t, public)
			writeFile(t, filepath.Join(src, dir), "not a folder\n")
			for _, cmd := range []string{"build", "check"} {
				code, _, stderr := runOops(t, cmd, "-source", src)
				first, _, _ := strings.Cut(stderr, "\n")
				if code != 1 || !strings.HasPrefix(first, dir+":1:1: "+dir+" is a file, not a folder") || strings.Count(stderr, ":1:1: ") != 1 {
					t.Errorf("%s: exit %d, stderr %q; want 1 and one error at %s:1:1", cmd, code, stderr, dir)
				}
			}
			if after := tree(t, public); !mapsEqual(before, after) {
				t.Error("the published site changed")
			}
		})
	}
}
