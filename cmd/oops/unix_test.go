//go:build unix

package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNamedPipesAreErrors puts named pipes where the library's files go:
// each is an error at its path, for build and check, and neither waits for
// a writer that never comes.
func TestNamedPipesAreErrors(t *testing.T) {
	src := libraryFrom(t, small)
	pipes := []string{"content/stories/pipe.md", "content/about.md", "static/css/pipe.css", "layouts/story.html"}
	for _, name := range pipes {
		writeFile(t, filepath.Join(src, filepath.FromSlash(name)), "")
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := syscall.Unlink(p); err != nil {
			t.Fatal(err)
		}
		if err := syscall.Mkfifo(p, 0o644); err != nil {
			t.Skipf("no named pipes here: %v", err)
		}
	}
	for _, args := range [][]string{{"build", "-dest", filepath.Join(t.TempDir(), "out")}, {"check"}} {
		cmd := args[0]
		done := make(chan struct{})
		var code int
		var stderr string
		go func() {
			defer close(done)
			code, _, stderr = runOops(t, append(args, "-source", src)...)
		}()
		select {
		case <-done:
		case <-time.After(time.Minute):
			t.Fatalf("%s waits on a named pipe", cmd)
		}
		if code != 1 {
			t.Errorf("%s: exit %d, want 1", cmd, code)
		}
		for _, name := range pipes {
			if !strings.Contains(stderr, name+":1:1: ") || !strings.Contains(stderr, "not a regular file") {
				t.Errorf("%s: no error at %s:1:1 saying it is not a regular file:\n%s", cmd, name, stderr)
			}
		}
	}
}

// TestOutputPermissions builds under umask 022 and 077: the site's folders
// and files get the permissions the umask gives any new ones, the top
// folder too, so that a web server running as another user can read a
// site built under 022.
func TestOutputPermissions(t *testing.T) {
	src := libraryFrom(t, small)
	for _, tc := range []struct {
		umask     int
		dir, file fs.FileMode
	}{{0o022, 0o755, 0o644}, {0o077, 0o700, 0o600}} {
		old := syscall.Umask(tc.umask)
		code, _, stderr := runOops(t, "build", "-source", src)
		syscall.Umask(old)
		if code != 0 {
			t.Fatal(stderr)
		}
		filepath.WalkDir(filepath.Join(src, "public"), func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				t.Fatal(err)
			}
			info, _ := d.Info()
			want := tc.file
			if d.IsDir() {
				want = tc.dir
			}
			if got := info.Mode().Perm(); got != want {
				t.Errorf("umask %03o: %s has mode %v, want %v", tc.umask, p, got, want)
				return filepath.SkipAll
			}
			return nil
		})
	}
}

// TestReadOnlyDestStaysAsItWas makes part of a published site read-only:
// the build fails before it touches it, leaving the site whole and nothing
// beside it. (Root may write anything, so it runs as another user only.)
func TestReadOnlyDestStaysAsItWas(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root may change read-only folders")
	}
	src := libraryFrom(t, small)
	if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
		t.Fatal(stderr)
	}
	public := filepath.Join(src, "public")
	for _, ro := range []string{filepath.Join(public, "stories"), public} {
		t.Run(filepath.Base(ro), func(t *testing.T) {
			before := tree(t, public)
			os.Chmod(ro, 0o555)
			defer os.Chmod(ro, 0o755)
			os.Remove(filepath.Join(src, "content", "stories", "second.md"))
			code, _, stderr := runOops(t, "build", "-source", src)
			if code != 1 || !strings.Contains(stderr, "read-only") && !strings.Contains(stderr, "permission denied") {
				t.Errorf("exit %d, stderr %q; want 1 and why", code, stderr)
			}
			if after := tree(t, public); !mapsEqual(before, after) {
				t.Error("a failed build changed the published site")
			}
			if left, _ := filepath.Glob(filepath.Join(src, ".public.building-*")); len(left) > 0 {
				t.Errorf("left beside it: %v", left)
			}
		})
	}
}
