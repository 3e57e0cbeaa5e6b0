package serve

import (
	"bytes"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"oops/cmd/internal/build"
	"oops/cmd/internal/source"
)

// fullStory is a story with a lesson and a change, which the lists of
// lessons and changes show.
func fullStory(title, date, body string, tags ...string) string {
	return fmt.Sprintf("---\ntitle: %s\ndate: %s\nsummary: About %s.\ntags: [%s]\nlessons: [One lesson]\nchanges: [One change]\n---\n%s\n",
		title, date, title, strings.Join(tags, ", "), body)
}

// readTree returns every file under dir, by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)], err = os.ReadFile(p)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestLiveEqualsBuild edits a library step by step and checks after each
// step that the folder a Live build keeps up to date holds exactly what a
// fresh build of the library writes.
func TestLiveEqualsBuild(t *testing.T) {
	dir := t.TempDir()
	path := func(name string) string { return filepath.Join(dir, filepath.FromSlash(name)) }
	write(t, path("content/_index.md"), "---\ntitle: Live\nbase_url: https://live.example.com/\nrepo_url: https://github.com/example/live\n---\nHi.\n")
	for i := range 120 { // enough for lists of several pages
		write(t, path(fmt.Sprintf("content/stories/s%03d.md", i)),
			fullStory(fmt.Sprintf("Story %d", i), fmt.Sprintf("2020-01-%02d", 1+i%28), "Body.", "common", fmt.Sprintf("t%d", i%7)))
	}
	src, err := source.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	out := t.TempDir()
	live, _, err := NewLive(src, out, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name   string
		change func() []string
	}{
		{"edit a body", func() []string {
			write(t, path("content/stories/s005.md"), fullStory("Story 5", "2020-01-06", "A new body.", "common", "t5"))
			return []string{"content/stories/s005.md"}
		}},
		{"edit a title", func() []string {
			write(t, path("content/stories/s006.md"), fullStory("Story six", "2020-01-07", "Body.", "common", "t6"))
			return []string{"content/stories/s006.md"}
		}},
		{"add the newest story", func() []string {
			write(t, path("content/stories/new/n1.md"), fullStory("Newest", "2030-01-01", "New.", "common", "fresh"))
			return []string{"content/stories/new"}
		}},
		{"add a story that others now name as related", func() []string {
			write(t, path("content/stories/near.md"), fullStory("Story near", "2020-01-04", "Body.", "t3"))
			return []string{"content/stories/near.md"}
		}},
		{"change a story's tags and date", func() []string {
			write(t, path("content/stories/s010.md"), fullStory("Story 10", "2019-05-05", "Body.", "t3", "other"))
			return []string{"content/stories/s010.md"}
		}},
		{"delete a story", func() []string {
			os.Remove(path("content/stories/s011.md"))
			return []string{"content/stories/s011.md"}
		}},
		{"rename a story", func() []string {
			os.Rename(path("content/stories/s012.md"), path("content/stories/renamed.md"))
			return []string{"content/stories/s012.md", "content/stories/renamed.md"}
		}},
		{"move a story to a folder, keeping its slug", func() []string {
			os.MkdirAll(path("content/stories/2020"), 0o755)
			os.Rename(path("content/stories/s020.md"), path("content/stories/2020/s020.md"))
			return []string{"content/stories/s020.md", "content/stories/2020"}
		}},
		{"add a reading path and a page", func() []string {
			write(t, path("content/paths/start.md"), "---\ntitle: Start\nstories: [s001, renamed]\n---\n")
			write(t, path("content/about.md"), "---\ntitle: About\n---\nAbout.\n")
			return []string{"content/paths/start.md", "content/about.md"}
		}},
		{"edit a layout", func() []string {
			write(t, path("layouts/page.html"), `{{define "main"}}<h1>{{.Plain.Title}}</h1>{{.Body}}<p>custom</p>{{end}}`)
			return []string{"layouts/page.html"}
		}},
		{"add a static file and edit the CSS", func() []string {
			write(t, path("static/img/x.svg"), "<svg/>")
			write(t, path("static/css/site.css"), "body { color: black }")
			return []string{"static/img/x.svg", "static/css/site.css"}
		}},
		{"edit the site settings", func() []string {
			write(t, path("content/_index.md"), "---\ntitle: Renamed library\nbase_url: https://live.example.com/\n---\nHello.\n")
			return []string{"content/_index.md"}
		}},
	}
	for _, step := range steps {
		if _, err := live.Update(step.change()); err != nil {
			t.Fatalf("%s: %v", step.name, err)
		}
		fresh := filepath.Join(t.TempDir(), "public")
		if _, err := build.Build(build.Options{Source: dir, Dest: fresh}); err != nil {
			t.Fatalf("%s: build: %v", step.name, err)
		}
		got, want := readTree(t, out), readTree(t, fresh)
		for name, data := range want {
			if !bytes.Equal(got[name], data) {
				t.Errorf("%s: %s differs from a fresh build:\n%s", step.name, name, firstDiff(string(data), string(got[name])))
			}
		}
		for name := range got {
			if _, ok := want[name]; !ok {
				t.Errorf("%s: %s is left over", step.name, name)
			}
		}
	}
}

func TestLiveKeepsLastGoodBuild(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content/stories/a.md"), fullStory("A", "2024-01-01", "Good.", "x"))
	src, _ := source.Open(dir)
	out := t.TempDir()
	live, _, err := NewLive(src, out, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	write(t, filepath.Join(dir, "content/stories/a.md"), "---\ntitle: [\n---\n")
	if _, err := live.Update([]string{"content/stories/a.md"}); err == nil {
		t.Fatal("a broken story did not fail the update")
	}
	after := readTree(t, out)
	if len(after) != len(before) {
		t.Fatalf("a failed update changed the folder")
	}
	for name, data := range before {
		if !bytes.Equal(after[name], data) {
			t.Errorf("a failed update changed %s", name)
		}
	}
}

func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wl), len(gl)) {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  fresh: %.300s\n  live:  %.300s", i+1, w, g)
		}
	}
	return ""
}

// TestLiveRemembersBrokenLayouts breaks a layout, then edits a story: the
// update still fails with the layout's error, rather than building the
// story with the last good layout and clearing the error while the
// layout is broken. Fixing the layout clears it. A broken story's error
// stays the same way while another story is edited.
func TestLiveRemembersBrokenLayouts(t *testing.T) {
	dir := t.TempDir()
	story := filepath.Join(dir, "content/stories/a.md")
	layout := filepath.Join(dir, "layouts/story.html")
	write(t, story, fullStory("A", "2024-01-01", "Good.", "x"))
	src, _ := source.Open(dir)
	live, _, err := NewLive(src, t.TempDir(), build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	write(t, layout, "{{define \"main\"}}{{.Nope\n")
	if _, err := live.Update([]string{"layouts/story.html"}); err == nil || !strings.Contains(err.Error(), "layouts/story.html") {
		t.Fatalf("a broken layout: %v", err)
	}
	for _, body := range []string{"Edited.", "Edited again."} {
		write(t, story, fullStory("A", "2024-01-01", body, "x"))
		if _, err := live.Update([]string{"content/stories/a.md"}); err == nil || !strings.Contains(err.Error(), "layouts/story.html") {
			t.Errorf("a story edited while a layout is broken: %v, want the layout's error", err)
		}
	}
	os.Remove(layout)
	if _, err := live.Update([]string{"layouts/story.html"}); err != nil {
		t.Errorf("the layout fixed: %v", err)
	}
	// So with a broken story: editing another does not hide its error.
	other := filepath.Join(dir, "content/stories/b.md")
	write(t, other, fullStory("B", "2024-01-02", "Good.", "x"))
	if _, err := live.Update([]string{"content/stories/b.md"}); err != nil {
		t.Fatal(err)
	}
	write(t, other, "---\ntitle: [\n---\n")
	if _, err := live.Update([]string{"content/stories/b.md"}); err == nil {
		t.Fatal("a broken story did not fail the update")
	}
	write(t, story, fullStory("A", "2024-01-01", "Edited once more.", "x"))
	if _, err := live.Update([]string{"content/stories/a.md"}); err == nil || !strings.Contains(err.Error(), "content/stories/b.md") {
		t.Errorf("a story edited while another is broken: %v, want the broken story's error", err)
	}
}
