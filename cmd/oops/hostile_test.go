package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// hang is how long a build of a hostile library may take before the test
// calls it hung.
const hang = 60 * time.Second

// TestHostileCases builds each library of testdata/hostile: broken,
// hostile or odd content. Each archive holds the library's files and
// what the build must do:
//
//	status                the exit status (default 0)
//	stderr                what it prints (default nothing)
//	page/PATH             lines that must each be in the built file PATH
//	absent/PATH           lines that must not be in it
//
// Whatever the content says, the build neither panics nor hangs, and
// writes nothing outside -dest. Run go test -update to rewrite status
// and stderr, and review the diff.
func TestHostileCases(t *testing.T) {
	files, err := filepath.Glob("testdata/hostile/*.txtar")
	if err != nil || len(files) == 0 {
		t.Fatalf("no cases in testdata/hostile: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			src := t.TempDir()
			want := map[string]string{"status": "0\n"}
			for _, f := range ar.Files {
				if f.Name == "status" || f.Name == "stderr" || strings.HasPrefix(f.Name, "page/") || strings.HasPrefix(f.Name, "absent/") {
					want[f.Name] = string(f.Data)
					continue
				}
				writeFile(t, filepath.Join(src, f.Name), string(f.Data))
			}
			status, stderr := buildHostile(t, src)
			got := map[string]string{"status": strconv.Itoa(status) + "\n", "stderr": stderr}
			if *update {
				rewriteHostile(t, file, ar, got)
				return
			}
			for _, k := range []string{"status", "stderr"} {
				if got[k] != want[k] {
					t.Errorf("%s:\n%s\nwant:\n%s", k, got[k], want[k])
				}
			}
			checkPages(t, filepath.Join(filepath.Dir(src), "out", "public"), want)
		})
	}
}

// buildHostile builds the library in src into a fresh folder beside it
// and checks that nothing lands outside that folder. It fails the test if
// the build takes longer than hang.
func buildHostile(t *testing.T, src string) (int, string) {
	t.Helper()
	root := filepath.Dir(src)
	dest := filepath.Join(root, "out", "public")
	os.MkdirAll(filepath.Dir(dest), 0o755)
	before := hostileFiles(t, root, dest)
	done := make(chan struct{})
	var status int
	var stderr string
	go func() {
		defer close(done)
		status, _, stderr = runOops(t, "build", "-source", src, "-dest", dest)
	}()
	select {
	case <-done:
	case <-time.After(hang):
		t.Fatalf("the build did not finish in %v", hang)
	}
	after := hostileFiles(t, root, dest)
	for name := range after {
		if !before[name] {
			t.Errorf("the build wrote %s, outside -dest", name)
		}
	}
	return status, stderr
}

// hostileFiles lists every file and folder under root but those under skip.
func hostileFiles(t *testing.T, root, skip string) map[string]bool {
	t.Helper()
	out := map[string]bool{}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if p == skip {
			return fs.SkipDir
		}
		out[p] = true
		return nil
	})
	return out
}

// checkPages checks the page/ and absent/ expectations of a case.
func checkPages(t *testing.T, dest string, want map[string]string) {
	t.Helper()
	for k, lines := range want {
		name, ok := strings.CutPrefix(k, "page/")
		absent := false
		if !ok {
			if name, ok = strings.CutPrefix(k, "absent/"); !ok {
				continue
			}
			absent = true
		}
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		for _, line := range strings.Split(strings.TrimSuffix(lines, "\n"), "\n") {
			if line == "" {
				continue
			}
			if has := bytes.Contains(data, []byte(line)); has == absent {
				t.Errorf("%s: has %q: %v, want %v", name, line, has, !absent)
			}
		}
	}
}

// rewriteHostile writes got's status and stderr into the case file.
func rewriteHostile(t *testing.T, file string, ar *txtar.Archive, got map[string]string) {
	t.Helper()
	var files []txtar.File
	if got["status"] != "0\n" {
		files = append(files, txtar.File{Name: "status", Data: []byte(got["status"])})
	}
	if got["stderr"] != "" {
		files = append(files, txtar.File{Name: "stderr", Data: []byte(got["stderr"])})
	}
	for _, f := range ar.Files {
		if f.Name != "status" && f.Name != "stderr" {
			files = append(files, f)
		}
	}
	ar.Files = files
	if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDestNeverReplacesTheSource extends TestBuildRefusesDangerousDest to
// destinations that name the source in other ways: with a final slash,
// with .. in them, relative to the current folder, and through symbolic
// links. Each is refused before anything is written or removed.
func TestDestNeverReplacesTheSource(t *testing.T) {
	src := libraryFrom(t, small+"-- static/keep.txt --\nkeep\n")
	links := t.TempDir()
	for name, target := range map[string]string{"to-src": src, "to-content": filepath.Join(src, "content"), "to-parent": filepath.Dir(src)} {
		if err := os.Symlink(target, filepath.Join(links, name)); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	before := tree(t, src)
	t.Chdir(src)
	for _, dest := range []string{
		src + "/", src + "/content/../", src + "/./", ".", "./", "content", "content/stories/..", "static/",
		"..", "../" + filepath.Base(src), "layouts/../content/x",
		filepath.Join(links, "to-src"), filepath.Join(links, "to-content"), filepath.Join(links, "to-content", "sub"),
		filepath.Join(links, "to-parent"),
	} {
		code, _, stderr := runOops(t, "build", "-source", src, "-dest", dest)
		if code == 0 || stderr == "" {
			t.Errorf("-dest %s: exit %d, stderr %q", dest, code, stderr)
		}
	}
	if after := tree(t, src); !mapsEqual(before, after) {
		t.Error("a refused build changed the source folder")
	}
	leftovers, _ := filepath.Glob(filepath.Join(filepath.Dir(src), ".*building*"))
	if len(leftovers) > 0 {
		t.Errorf("a refused build left %v", leftovers)
	}
}
