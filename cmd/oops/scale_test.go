package main

import (
	"cmp"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// storyFile returns a story's file with the given extra front matter and body.
func storyFile(title, extra, body string) string {
	return "---\ntitle: " + title + "\ndate: 2024-01-01\nsummary: S.\ntags: [scale]\n" + extra + "---\n" + body
}

// writeLibrary writes files into a new library folder, with settings.
func writeLibrary(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "content/_index.md"), "---\ntitle: Scale\n---\n")
	for name, data := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(name)), data)
	}
	return dir
}

func repeat(n int, f func(i int) string) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(f(i))
	}
	return b.String()
}

// TestLargeContent builds libraries far larger than any real one in some
// way: each builds, or fails with a positioned error, and writes nothing
// outside -dest.
func TestLargeContent(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	para := strings.Repeat("The certificate expired on a Sunday and nobody could log in. ", 16) + "\n\n"
	for _, tc := range []struct {
		name   string
		files  map[string]string
		status int
		stderr string // a line of it
		page   string // a file of the output and a line it has
		has    string
	}{
		{"a 5 MB story", map[string]string{
			"content/stories/big.md": storyFile("Big", "", strings.Repeat(para, 5<<20/len(para))),
		}, 0, "", "stories/big/index.html", "nobody could log in.</p>"},
		{"10,000 tags", map[string]string{
			"content/stories/tagged.md": storyFile("Tagged", "", "Body.\n"),
			"content/stories/tags.md": "---\ntitle: Tags\ndate: 2024-01-02\nsummary: S.\ntags: [" +
				strings.TrimSuffix(repeat(10000, func(i int) string { return fmt.Sprintf("tag-%d, ", i) }), ", ") + "]\n---\n",
		}, 0, "", "tags/tag-9999/index.html", `<a href="/stories/tags/">Tags</a>`},
		{"1,000 lessons", map[string]string{
			"content/stories/lessons.md": storyFile("Lessons", "lessons:\n"+repeat(1000, func(i int) string { return fmt.Sprintf("  - Lesson number %d.\n", i+1) }), ""),
		}, 0, "", "stories/lessons/index.html", `<li id="lesson-1000">Lesson number 1000.`},
		{"deep folders", map[string]string{
			"content/stories/" + strings.Repeat("deeper/", 60) + "deep.md": storyFile("Deep", "", "Body.\n"),
		}, 0, "", "stories/deep/index.html", "<h1>Deep</h1>"},
		{"a long title and file name", map[string]string{
			"content/stories/" + strings.Repeat("long-", 48) + "name.md": storyFile(strings.Repeat("Long title ", 1000), "", "Body.\n"),
		}, 0, "", "stories/" + strings.Repeat("long-", 15) + "long/index.html", "Long title Long title"},
		{"a slug too long for a file name", map[string]string{
			"content/stories/s.md": storyFile("Long slug", "slug: "+strings.Repeat("a", 300)+"\n", "Body.\n"),
		}, 1, "content/stories/s.md:6:7: slug", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := writeLibrary(t, tc.files)
			status, stderr := buildHostile(t, src)
			if status != tc.status || tc.stderr == "" && stderr != "" || !strings.Contains(stderr, tc.stderr) {
				t.Fatalf("exit %d, stderr:\n%.2000s\nwant exit %d and %q", status, stderr, tc.status, tc.stderr)
			}
			if tc.page == "" {
				return
			}
			data, err := os.ReadFile(filepath.Join(filepath.Dir(src), "out", "public", filepath.FromSlash(tc.page)))
			if err != nil || !strings.Contains(string(data), tc.has) {
				t.Errorf("%s: %v; want it to have %q", tc.page, err, tc.has)
			}
		})
	}
}

// TestSymlinks builds a library whose symbolic links lead outside it, in
// circles and inside it: none outside is followed (their secrets appear
// nowhere in the output), a loop is an error, not a hang, and a link that
// stays inside is read.
func TestSymlinks(t *testing.T) {
	src := writeLibrary(t, map[string]string{
		"content/stories/real.md": storyFile("Real", "", "Body.\n"),
	})
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "secret.md"), storyFile("Secret", "", "SECRET-STORY\n"))
	writeFile(t, filepath.Join(outside, "dir", "secret.md"), storyFile("Secret dir", "", "SECRET-DIR\n"))
	writeFile(t, filepath.Join(outside, "secret.css"), "body { --secret: SECRET-CSS }\n")
	writeFile(t, filepath.Join(outside, "secret.html"), `{{define "main"}}SECRET-LAYOUT{{end}}`)
	links := map[string]string{
		"content/stories/outside.md":   filepath.Join(outside, "secret.md"),
		"content/stories/outside-dir":  filepath.Join(outside, "dir"),
		"content/stories/loop.md":      "loop.md",
		"content/stories/inside.md":    "real.md",
		"content/about.md":             filepath.Join(outside, "secret.md"),
		"static/css/secret.css":        filepath.Join(outside, "secret.css"),
		"static/outside":               outside,
		"layouts/page.html":            filepath.Join(outside, "secret.html"),
		"content/stories/dangling.md":  filepath.Join(outside, "nope.md"),
		"content/stories/up-and-in.md": "../../content/stories/real.md",
	}
	for name, target := range links {
		os.MkdirAll(filepath.Join(src, filepath.Dir(name)), 0o755)
		if err := os.Symlink(target, filepath.Join(src, filepath.FromSlash(name))); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
	}
	status, stderr := buildHostile(t, src)
	if status != 1 {
		t.Errorf("exit %d, want 1", status)
	}
	for _, want := range []string{
		"content/about.md:1:1: cannot read: symbolic link leads outside the source folder; it is not followed",
		"content/stories/outside.md:1:1: cannot read: symbolic link leads outside the source folder; it is not followed",
		"content/stories/outside-dir:1:1: warning: symbolic link leads outside the source folder; it is not followed",
		"content/stories/loop.md:1:1: cannot read: too many levels of symbolic links",
		"content/stories/dangling.md:1:1: cannot read: no such file or directory",
		"layouts/page.html:1:1: cannot read layout: open page.html: symbolic link leads outside the source folder; it is not followed",
		"static/css/secret.css:1:1: cannot read: symbolic link leads outside the source folder; it is not followed",
		"static/outside:1:1: cannot read: symbolic link leads outside the source folder; it is not followed",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if strings.Contains(stderr, "up-and-in") || strings.Contains(stderr, "inside.md") {
		t.Errorf("links that stay inside the library are errors:\n%s", stderr)
	}

	// Without the links that are errors, the library builds, and nothing
	// from outside it is in the output.
	for _, name := range []string{"content/stories/outside.md", "content/stories/loop.md", "content/about.md", "static/css/secret.css",
		"static/outside", "layouts/page.html", "content/stories/dangling.md"} {
		os.Remove(filepath.Join(src, filepath.FromSlash(name)))
	}
	if status, stderr := buildHostile(t, src); status != 0 {
		t.Fatalf("exit %d:\n%s", status, stderr)
	}
	dest := filepath.Join(filepath.Dir(src), "out", "public")
	for name := range tree(t, dest) {
		data, _ := os.ReadFile(filepath.Join(dest, name))
		if strings.Contains(string(data), "SECRET") {
			t.Errorf("%s has text from outside the library", name)
		}
	}
	for _, page := range []string{"stories/real/index.html", "stories/inside/index.html", "stories/up-and-in/index.html"} {
		if _, err := os.Stat(filepath.Join(dest, page)); err != nil {
			t.Errorf("a link inside the library was not read: %v", err)
		}
	}
}

// TestLinearTime builds pathological libraries of size n and 4n: none
// takes much more than four times as long (in CPU time) at 4n (at most 10 times, and
// some slack for the noise of a shared machine), so none is quadratic,
// which would take 16 times as long; but for the few that goldmark, the
// Markdown parser, takes quadratic time over (see quadratic), which must
// not get worse.
func TestLinearTime(t *testing.T) {
	if testing.Short() {
		t.Skip("timing")
	}
	body := func(s string) map[string]string {
		return map[string]string{"content/stories/p.md": storyFile("P", "", s)}
	}
	for _, tc := range []struct {
		name string
		n    int
		gen  func(n int) map[string]string
	}{
		// goldmark checks every level of a nesting again on each line:
		// quadratic in the depth of nested quotes and lists. (In quadratic.)
		{"nested quotes", 2000, func(n int) map[string]string { return body(strings.Repeat("> ", n) + "deep\n") }},
		{"nested lists", 2000, func(n int) map[string]string { return body(strings.Repeat("- ", n) + "item\n") }},
		{"nested list items", 4000, func(n int) map[string]string {
			return body(repeat(n, func(i int) string { return strings.Repeat("  ", i%40) + "- item\n" }))
		}},
		{"open brackets", 20000, func(n int) map[string]string { return body(strings.Repeat("[", n) + "x\n") }},
		// goldmark reads a link's destination to the end of the line
		// for every "](" on it: quadratic in the length of such a line.
		// (In quadratic.)
		{"brackets and parens", 2500, func(n int) map[string]string { return body(strings.Repeat("[a](", n) + "\n") }},
		{"emphasis", 20000, func(n int) map[string]string { return body(strings.Repeat("*a **b ", n) + "\n") }},
		{"underscores", 20000, func(n int) map[string]string { return body(strings.Repeat("_a __b ", n) + "\n") }},
		{"backticks", 2000, func(n int) map[string]string {
			return body(repeat(n, func(i int) string { return strings.Repeat("`", i%50+1) + "a " }) + "\n")
		}},
		{"links", 5000, func(n int) map[string]string { return body(strings.Repeat("[a](/stories/p/) ", n) + "\n") }},
		{"reference links", 3000, func(n int) map[string]string {
			return body(repeat(n, func(i int) string { return fmt.Sprintf("[r%d] ", i) }) + "\n\n" +
				repeat(n, func(i int) string { return fmt.Sprintf("[r%d]: /x%d\n", i, i) }))
		}},
		// goldmark looks each footnote reference up in the list of
		// footnotes, one by one: quadratic, but 8,000 footnotes render in
		// under half a second. (In quadratic.)
		{"footnotes", 2000, func(n int) map[string]string {
			return body(repeat(n, func(i int) string { return fmt.Sprintf("x[^%d] ", i) }) + "\n\n" +
				repeat(n, func(i int) string { return fmt.Sprintf("[^%d]: note\n", i) }))
		}},
		{"same headings", 2000, func(n int) map[string]string { return body(strings.Repeat("## Same\n\n", n)) }},
		{"table rows", 5000, func(n int) map[string]string {
			return body("| a | b |\n|---|---|\n" + strings.Repeat("| 1 | 2 |\n", n))
		}},
		{"html entities", 20000, func(n int) map[string]string { return body(strings.Repeat("&amp;&#x41;&nosuch; ", n) + "\n") }},
		{"autolinks", 5000, func(n int) map[string]string {
			return body(strings.Repeat("www.example.com/a https://x.io ", n) + "\n")
		}},
		{"long line", 200000, func(n int) map[string]string { return body(strings.Repeat("word ", n) + "\n") }},
		{"lessons", 2000, func(n int) map[string]string {
			return map[string]string{"content/stories/p.md": storyFile("P", "lessons:\n"+strings.Repeat("  - A lesson.\n", n), "")}
		}},
		// Thousands of tags or stories are thousands of pages: the file
		// system's time, noisy here, would be measured; TestLargeContent
		// and the benchmarks in BENCHMARKS.md cover them.
		{"yaml nesting", 500, func(n int) map[string]string {
			return map[string]string{"content/stories/p.md": "---\ntitle: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n---\n"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			small, large := writeLibrary(t, tc.gen(tc.n)), writeLibrary(t, tc.gen(4*tc.n))
			t1, t4 := buildTime(t, small), buildTime(t, large)
			limit := cmp.Or(quadratic[tc.name], 10)
			if t4 > time.Duration(limit*float64(t1))+50*time.Millisecond {
				t.Errorf("n=%d: %v, 4n: %v (%.1f times as long)", tc.n, t1, t4, float64(t4)/float64(t1))
			}
			t.Logf("n=%d: %v, 4n: %v", tc.n, t1, t4)
		})
	}
}

// quadratic are the cases known to take more than linear time, in
// goldmark, and how many times as long they may take at 4n.
var quadratic = map[string]float64{
	"footnotes": 40, "brackets and parens": 40, "nested quotes": 40, "nested lists": 40, "nested list items": 40,
}

// buildTime returns the least CPU time (user and system, of the whole
// test process) of three builds of src: unlike the time on the clock, it
// hardly changes with what else the machine is doing.
func buildTime(t *testing.T, src string) time.Duration {
	t.Helper()
	best := time.Duration(1 << 62)
	for range 3 {
		dest := filepath.Join(t.TempDir(), "public")
		start := cpuTime(t)
		run([]string{"build", "-source", src, "-dest", dest}, io.Discard, io.Discard)
		best = min(best, cpuTime(t)-start)
	}
	return best
}

func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Skipf("no CPU time here: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
