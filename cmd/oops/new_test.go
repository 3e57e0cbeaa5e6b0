package main

import (
	"fmt"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"oops/cmd/internal/scaffold"
	"oops/cmd/internal/story"
)

// fillIn does what a writer does with a new story: it replaces each
// "(fill in)" hint with text of their own.
func fillIn(src string) string {
	return regexp.MustCompile(`\(fill in\)[^"\n]*`).ReplaceAllString(src, "Seventy minutes of failed sign-ins.")
}

func TestNewThenCheck(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "")
	dir := t.TempDir()
	status, stdout, stderr := runOops(t, "new", "-source", dir, "-tags", "certificates,on-call", "Expired certificate took down login")
	if status != 0 {
		t.Fatalf("new: status %d: %s", status, stderr)
	}
	rel := "content/stories/expired-certificate-took-down-login.md"
	name := filepath.Join(dir, filepath.FromSlash(rel))
	for _, want := range []string{
		"wrote " + name + "\n",
		"go run ./cmd/oops serve -source " + dir + "\n",
		"http://127.0.0.1:1313/stories/expired-certificate-took-down-login/\n",
		"go run ./cmd/oops check -source " + dir + "\n",
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("new printed:\n%s\nwithout %q", stdout, want)
		}
	}
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}

	// As written, every placeholder is an error at its line and column.
	status, _, stderr = runOops(t, "check", "-source", dir)
	got := strings.Split(strings.TrimSuffix(stderr, "\n"), "\n")
	want := placeholders(rel, string(src))
	if status != 1 || len(got) != len(want)+1 || len(want) < 10 {
		t.Fatalf("check of a new story: status %d, stderr:\n%s\nwant status 1 and %d errors", status, stderr, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("error %d is\n\t%s\nwant it to start\n\t%s", i+1, got[i], w)
		}
	}

	// Filled in, it passes, even with -strict.
	if err := os.WriteFile(name, []byte(fillIn(string(src))), 0o644); err != nil {
		t.Fatal(err)
	}
	status, stdout, stderr = runOops(t, "check", "-strict", "-source", dir)
	if status != 0 || stderr != "" {
		t.Errorf("check of a filled-in story: status %d, stderr:\n%s", status, stderr)
	}
	if want := "oops check: no errors in 1 story and "; !strings.HasPrefix(stdout, want) {
		t.Errorf("stdout %q, want it to start with %q", stdout, want)
	}
}

// placeholders lists the start of the error check gives for each
// "(fill in)" of src: "file:line:col: replace the (fill in) text".
func placeholders(file, src string) []string {
	var out []string
	for i, line := range strings.Split(src, "\n") {
		if col := strings.Index(line, scaffold.Marker); col >= 0 {
			out = append(out, fmt.Sprintf("%s:%d:%d: replace the (fill in) text", file, i+1, col+1))
		}
	}
	return out
}

func TestNewRefuses(t *testing.T) {
	dir := t.TempDir()
	if status, _, stderr := runOops(t, "new", "-source", dir, "Café outage — 東京"); status != 0 {
		t.Fatalf("first new: status %d: %s", status, stderr)
	}
	name := filepath.Join(dir, "content", "stories", "cafe-outage.md")
	before, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args   []string
		status int
		stderr string
	}{
		{[]string{"Cafe OUTAGE"}, 1, "oops new: " + name + " already exists: pick another title, or edit that story\n"},
		{[]string{"東京"}, 2, `oops new: title "東京" gives an empty slug: use a title with some letters or digits a-z, 0-9` + "\n"},
		{[]string{" — "}, 2, `oops new: title "—" gives an empty slug: use a title with some letters or digits a-z, 0-9` + "\n"},
		{[]string{"two\nlines"}, 2, "oops new: the title must be one line of text\n"},
		{[]string{"-tags", "Deploys", "Fine title"}, 2, `oops new: tag "Deploys" must be lowercase letters, digits and single hyphens, like "deploys"` + "\n"},
		{[]string{}, 2, "oops new: give the story's title, in quotes"},
		{[]string{"   "}, 2, "oops new: give the story's title, in quotes"},
		{[]string{"one", "two"}, 2, "oops new: give the story's title, in quotes"},
	}
	for _, tt := range tests {
		args := append([]string{"new", "-source", dir}, tt.args...)
		status, _, stderr := runOops(t, args...)
		if status != tt.status || !strings.HasPrefix(stderr, tt.stderr) {
			t.Errorf("oops new %q: status %d, stderr %q; want %d, %q", tt.args, status, stderr, tt.status, tt.stderr)
		}
	}
	if after, _ := os.ReadFile(name); string(after) != string(before) {
		t.Error("new changed an existing story")
	}
	if n := countStories(t, dir); n != 1 {
		t.Errorf("%d stories written, want 1", n)
	}
}

func countStories(t *testing.T, dir string) int {
	entries, err := os.ReadDir(filepath.Join(dir, "content", "stories"))
	if err != nil {
		t.Fatal(err)
	}
	return len(entries)
}

// FuzzNew checks that any title new accepts gives a story that parses with
// that title and the slug of its file name, and that passes check once its
// placeholders are filled in.
func FuzzNew(f *testing.F) {
	for _, s := range []string{
		"Expired certificate took down login", "Café outage — 東京", `He said "rm -rf /" \ twice`,
		"2024-03-15 outage", "2024-03-15", "---", "title: x\nfoo", "#1 #2 # 3", "(fill in)", "  spaced  ",
		"Tab\tinside", "ümlaut ß Ørsted", "\u2028line separator", "\ufeffbom", "a: b", "[x]", "{y}",
		"'single' quotes", "emoji 🔥 fire", "01000000 00", "Call +44 20 7946 0958 failed", strings.Repeat("long title ", 30), "\x00", "\xff\xfe",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, title string) {
		t.Setenv("GITHUB_ACTIONS", "")
		dir := t.TempDir()
		name, err := scaffold.Create(dir, title, []string{"deploys"}, time.Date(2024, 3, 15, 9, 0, 0, 0, time.UTC))
		if err != nil {
			return // refused: an empty slug, or not one line of text
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		rel := "content/stories/" + filepath.Base(name)
		st, errs := story.Parse(rel, src)
		if st == nil || errs.Errors() > 0 {
			t.Fatalf("title %q: the new story does not parse: %v\n%s", title, errs, src)
		}
		if want := strings.TrimSpace(title); st.Title != want {
			t.Errorf("title %q: parsed title %q, want %q", title, st.Title, want)
		}
		if want := story.Slugify(title); st.Slug != want || filepath.Base(name) != want+".md" {
			t.Errorf("title %q: slug %q in %s, want %q", title, st.Slug, name, want)
		}
		if err := os.WriteFile(name, []byte(fillIn(string(src))), 0o644); err != nil {
			t.Fatal(err)
		}
		if status, _, stderr := runOops(t, "check", "-source", dir); status != 0 && !onlyTitleFindings(stderr, rel) {
			t.Errorf("title %q: check of the filled-in story: status %d:\n%s", title, status, stderr)
		}
	})
}

// onlyTitleFindings reports whether every error check printed is the scan's
// finding of a secret or personal data in the title (line 2 of the file
// new writes): check is right to refuse a title that holds a phone number.
func onlyTitleFindings(stderr, rel string) bool {
	errs := 0
	for _, line := range strings.Split(stderr, "\n") {
		if !strings.HasPrefix(line, rel+":") || strings.Contains(line, ": warning: ") {
			continue
		}
		errs++
		title := strings.HasPrefix(line, rel+":2:")
		found := strings.Contains(line, ": personal data (") || strings.Contains(line, ": secret (")
		if !title || !found {
			return false
		}
	}
	return errs > 0
}

// TestEditAndProposeLinks checks the links that open GitHub's editor: each
// story's "Edit this story", and the footer's "Propose a story", which
// opens a new file in content/stories/ filled with the story template.
func TestEditAndProposeLinks(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "---\ntitle: Lib\nrepo_url: https://github.com/acme/oops-library/\nbranch: trunk\n---\n")
	writeFile(t, filepath.Join(dir, "content/stories/2024/dns change.md"), "---\ntitle: DNS change\ndate: 2024-01-01\nsummary: S.\ntags: [dns]\nslug: dns-change\n---\n")
	if status, _, stderr := runOops(t, "build", "-source", dir); status != 0 {
		t.Fatalf("build: status %d: %s", status, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public/stories/dns-change/index.html"))
	if err != nil {
		t.Fatal(err)
	}
	links := hrefs(string(page), "https://github.com/")
	if len(links) != 2 {
		t.Fatalf("links to GitHub on a story page: %q, want the edit and propose links", links)
	}
	if want := "https://github.com/acme/oops-library/edit/trunk/content/stories/2024/dns%20change.md"; links[0] != want {
		t.Errorf("edit link %q, want %q", links[0], want)
	}
	u, err := url.Parse(links[1])
	if err != nil {
		t.Fatal(err)
	}
	if want := "/acme/oops-library/new/trunk/content/stories"; u.Path != want {
		t.Errorf("propose link path %q, want %q", u.Path, want)
	}
	q := u.Query()
	if got := q.Get("filename"); got != "your-story-title.md" {
		t.Errorf("propose link file name %q", got)
	}
	if got, want := q.Get("value"), string(scaffold.Template(scaffold.Placeholder)); got != want {
		t.Errorf("propose link text:\n%s\nwant the story template:\n%s", got, want)
	}
	for _, want := range []string{`title: "(fill in) Your story's title"`, "date: YYYY-MM-DD ", "## What happened"} {
		if !strings.Contains(q.Get("value"), want) {
			t.Errorf("the proposed story lacks %q", want)
		}
	}
	if n := len(links[1]); n > 6000 {
		t.Errorf("propose link is %d bytes long: browsers and GitHub refuse long URLs; keep it under 6000", n)
	}
}

// hrefs returns the unescaped href values in page that start with prefix.
func hrefs(page, prefix string) []string {
	var out []string
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		if h := html.UnescapeString(m[1]); strings.HasPrefix(h, prefix) {
			out = append(out, h)
		}
	}
	return out
}
