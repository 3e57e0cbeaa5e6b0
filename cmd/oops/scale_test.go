package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
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

// maxAlloc is the most a build of a large library may allocate.
const maxAlloc = 512 << 20

// TestLargeContent builds libraries far larger than any real one in some
// way: each builds, or fails with a positioned error, within maxAlloc
// bytes, and writes nothing outside -dest.
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
		}, 1, "content/stories/big.md:2151:99: the file is 5242142 bytes", "", ""},
		{"10,000 tags", map[string]string{
			"content/stories/tagged.md": storyFile("Tagged", "", "Body.\n"),
			"content/stories/tags.md": "---\ntitle: Tags\ndate: 2024-01-02\nsummary: S.\ntags: [" +
				strings.TrimSuffix(repeat(10000, func(i int) string { return fmt.Sprintf("tag-%d, ", i) }), ", ") + "]\n---\n",
		}, 1, "content/stories/tags.md:5:398: tags has 10000 items", "", ""},
		{"1,000 lessons", map[string]string{
			"content/stories/lessons.md": storyFile("Lessons", "lessons:\n"+repeat(1000, func(i int) string { return fmt.Sprintf("  - Lesson number %d.\n", i+1) }), ""),
		}, 1, "content/stories/lessons.md:57:5: lessons has 1000 items", "", ""},
		{"deep folders", map[string]string{
			"content/stories/" + strings.Repeat("deeper/", 60) + "deep.md": storyFile("Deep", "", "Body.\n"),
		}, 0, "", "stories/deep/index.html", "<h1>Deep</h1>"},
		{"a long title and file name", map[string]string{
			"content/stories/" + strings.Repeat("long-", 48) + "name.md": storyFile(strings.Repeat("Long title ", 27), "", "Body.\n"),
		}, 0, "", "stories/" + strings.Repeat("long-", 15) + "long/index.html", "Long title Long title"},
		{"lists nested 20,000 deep", map[string]string{
			"content/stories/p.md": storyFile("P", "", "Text.\n\n"+strings.Repeat("- ", 20000)+"deep\n"+strings.Repeat("\n", 20000)+"more\n"),
		}, 1, "content/stories/p.md:9:33: quotes and lists nest more than 16 deep here", "", ""},
		{"quotes nested 20,000 deep, and 20,000 lines after", map[string]string{
			"content/stories/p.md": storyFile("P", "", strings.Repeat("> ", 20000)+"deep\n"+strings.Repeat("lazy\n", 20000)),
		}, 1, "content/stories/p.md:7:33: quotes and lists nest more than 16 deep here", "", ""},
		{"20,000 reference-link definitions", map[string]string{
			"content/stories/p.md": storyFile("P", "", repeat(20000, func(i int) string { return fmt.Sprintf("[r%d] ", i) })+"\n\n"+
				repeat(20000, func(i int) string { return fmt.Sprintf("[r%d]: /x%d\n", i, i) })),
		}, 1, "content/stories/p.md:1009:1: more than 1000 reference-link definitions", "", ""},
		{"20,000 footnotes", map[string]string{
			"content/stories/p.md": storyFile("P", "", repeat(20000, func(i int) string { return fmt.Sprintf("x[^%d] ", i) })+"\n\n"+
				repeat(20000, func(i int) string { return fmt.Sprintf("[^%d]: note\n", i) })),
		}, 1, "content/stories/p.md:1009:1: more than 1000 footnotes", "", ""},
		{"40,000 links that never close", map[string]string{
			"content/stories/p.md": storyFile("P", "", "A [link](/x) "+strings.Repeat("[a](", 40000)+"\n"),
		}, 1, `content/stories/p.md:7:16: a link address runs on for more than 4096 characters after "]("`, "", ""},
		{"many links a line, and addresses of 4,000 characters", map[string]string{
			"content/stories/p.md": storyFile("P", "", strings.Repeat("[a](/stories/p/)", 10000)+" [b](/"+strings.Repeat("x", 4000)+")\n"),
		}, 0, "", "stories/p/index.html", `<a href="/stories/p/">a</a><a href="/stories/p/">a</a>`},
		{"a slug too long for a file name", map[string]string{
			"content/stories/s.md": storyFile("Long slug", "slug: "+strings.Repeat("a", 300)+"\n", "Body.\n"),
		}, 1, "content/stories/s.md:6:7: slug", "", ""},
		{"lists 16 deep and a million blank lines", map[string]string{
			"content/stories/p.md": storyFile("P", "", strings.Repeat("- ", 16)+"deep\n"+strings.Repeat("\n", 1000000)+"more\n"),
		}, 1, "content/stories/p.md:16392:1: quotes and lists run on for too many lines", "", ""},
		{"400 kB of code", map[string]string{
			"content/stories/p.md": storyFile("P", "", "```go\n"+repeat(5000, func(i int) string {
				return fmt.Sprintf("func f%d(x int) (string, error) { return fmt.Sprint(x + %d), nil } /* c\n", i, i)
			})+"```\n"),
		}, 0, "", "stories/p/index.html", `<pre tabindex="0"><code class="language-go">func f0(x int)`},
		{"a page nested too deep", map[string]string{
			"content/about.md": "---\ntitle: About\n---\nText.\n\n" + strings.Repeat("> ", 20) + "deep\n",
		}, 1, "content/about.md:6:33: quotes and lists nest more than 16 deep here", "", ""},
		{"a tag nested too deep", map[string]string{
			"content/stories/p.md":  storyFile("P", "", "Body.\n"),
			"content/tags/scale.md": "---\ntitle: Scale\n---\n" + strings.Repeat("- ", 20) + "deep\n",
		}, 1, "content/tags/scale.md:4:33: quotes and lists nest more than 16 deep here", "", ""},
		{"a reading path nested too deep", map[string]string{
			"content/stories/p.md":   storyFile("P", "", "Body.\n"),
			"content/paths/start.md": "---\ntitle: Start\nsummary: S.\nstories: [p]\n---\n" + strings.Repeat("> ", 20) + "deep\n",
		}, 1, "content/paths/start.md:6:33: quotes and lists nest more than 16 deep here", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := writeLibrary(t, tc.files)
			var m0, m1 runtime.MemStats
			runtime.ReadMemStats(&m0)
			status, stderr := buildHostile(t, src)
			if runtime.ReadMemStats(&m1); m1.TotalAlloc-m0.TotalAlloc > maxAlloc {
				t.Errorf("the build allocated %d MB, more than %d MB", (m1.TotalAlloc-m0.TotalAlloc)>>20, maxAlloc>>20)
			}
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

// TestLinearTime builds and checks pathological libraries of size n and
// 4n. What each costs beyond the same library at n/8, in processor time
// and in bytes allocated, must grow at most eight times from n to 4n:
// about four times is linear; quadratic work grows sixteen times. The sizes are
// such that the work at n is well above the noise of a shared machine's
// clock; a case that fails is measured again, up to three times in all,
// and fails only if it fails every time, which a quadratic one does.
//
// The shapes on which goldmark, the Markdown parser, takes more than
// linear time (deep nesting, many reference-link definitions or
// footnotes, a link address that runs on) are held to linear time by the
// limits of package markdown; the cases past those limits are here too,
// and end in a positioned error.
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
		{"nested quotes", 5000, func(n int) map[string]string { return body(strings.Repeat("> ", n) + "deep\n") }},
		{"nested lists", 5000, func(n int) map[string]string { return body(strings.Repeat("- ", n) + "item\n") }},
		{"nested list items", 500, func(n int) map[string]string {
			return body(repeat(n, func(i int) string { return strings.Repeat("  ", i%40) + "- item\n" }))
		}},
		{"blank lines in a nested list", 1000, func(n int) map[string]string {
			return body(strings.Repeat("- ", 100) + "item\n" + strings.Repeat("\n", n))
		}},
		{"lazy lines in nested quotes", 10000, func(n int) map[string]string {
			return body(strings.Repeat("> ", 100) + "deep\n" + strings.Repeat("lazy\n", n))
		}},
		{"open brackets", 5000, func(n int) map[string]string { return body(strings.Repeat("[", n) + "x\n") }},
		{"brackets and parens", 10000, func(n int) map[string]string { return body(strings.Repeat("[a](", n) + "\n") }},
		{"emphasis", 2500, func(n int) map[string]string { return body(strings.Repeat("*a **b ", n) + "\n") }},
		{"underscores", 2500, func(n int) map[string]string { return body(strings.Repeat("_a __b ", n) + "\n") }},
		{"backticks", 1000, func(n int) map[string]string {
			return body("Blame. " + repeat(n, func(i int) string { return strings.Repeat("`", i%50+1) + "a " }) + "\n")
		}},
		{"links", 1000, func(n int) map[string]string { return body(strings.Repeat("[a](/stories/p/) ", n) + "\n") }},
		{"broken links", 250, func(n int) map[string]string {
			return body(repeat(n, func(i int) string { return fmt.Sprintf("[a](/stories/p%d/) ", i) }) + "\n")
		}},
		{"reference links", 500, func(n int) map[string]string {
			return body(repeat(n, func(i int) string { return fmt.Sprintf("[r%d] ", i) }) + "\n\n" +
				repeat(n, func(i int) string { return fmt.Sprintf("[r%d]: /x%d\n", i, i) }))
		}},
		{"footnotes", 500, func(n int) map[string]string {
			return body(repeat(n, func(i int) string { return fmt.Sprintf("x[^%d] ", i) }) + "\n\n" +
				repeat(n, func(i int) string { return fmt.Sprintf("[^%d]: note\n", i) }))
		}},
		{"same headings", 500, func(n int) map[string]string { return body(strings.Repeat("## Same\n\n", n)) }},
		{"table rows", 1000, func(n int) map[string]string {
			return body("| a | b |\n|---|---|\n" + strings.Repeat("| 1 | 2 |\n", n))
		}},
		{"html entities", 2500, func(n int) map[string]string { return body(strings.Repeat("&amp;&#x41;&nosuch; ", n) + "\n") }},
		{"autolinks", 500, func(n int) map[string]string {
			return body(strings.Repeat("www.example.com/a https://x.io ", n) + "\n")
		}},
		{"long line", 20000, func(n int) map[string]string { return body(strings.Repeat("word ", n) + "\n") }},
		{"blame", 2000, func(n int) map[string]string { return body(strings.Repeat("blame ", n) + "\n") }},
		{"fill in", 2000, func(n int) map[string]string { return body(strings.Repeat("(fill in) ", n) + "\n") }},
		{"lessons", 2000, func(n int) map[string]string {
			return map[string]string{"content/stories/p.md": storyFile("P", "lessons:\n"+strings.Repeat("  - A lesson.\n", n), "")}
		}},
		{"yaml nesting", 500, func(n int) map[string]string {
			return map[string]string{"content/stories/p.md": "---\ntitle: " + strings.Repeat("[", n) + strings.Repeat("]", n) + "\n---\n"}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The fixed cost is that of the case at an eighth of n,
			// which takes the same way (to an error, say) as at n.
			tiny := writeLibrary(t, tc.gen(tc.n/8))
			small, large := writeLibrary(t, tc.gen(tc.n)), writeLibrary(t, tc.gen(4*tc.n))
			var w1, w4 cost
			for try := range 3 {
				base := measure(t, tiny)
				w1, w4 = measure(t, small).minus(base), measure(t, large).minus(base)
				if w4.within(8, w1) {
					break
				}
				t.Logf("try %d: n=%d: %v, 4n: %v", try+1, tc.n, w1, w4)
				if try == 2 {
					t.Errorf("n=%d: %v, 4n: %v: more than 8 times the work", tc.n, w1, w4)
				}
			}
			t.Logf("n=%d: %v, 4n: %v", tc.n, w1, w4)
		})
	}
}

// A cost is what a run of oops takes: processor time (user and system,
// of the whole test process, which hardly changes with what else the
// machine is doing, unlike the time on the clock) and bytes allocated.
type cost struct {
	cpu   time.Duration
	bytes uint64
}

func (c cost) String() string {
	return fmt.Sprintf("%v and %d kB", c.cpu.Round(time.Millisecond), c.bytes>>10)
}

func (c cost) minus(d cost) cost {
	return cost{max(c.cpu-d.cpu, 0), c.bytes - min(c.bytes, d.bytes)}
}

// within reports whether c is at most k times d, give or take what the
// clock's noise, the collector and the growth of buffers add: 100 ms and 1 MB.
func (c cost) within(k float64, d cost) bool {
	return c.cpu <= time.Duration(k*float64(d.cpu))+100*time.Millisecond && float64(c.bytes) <= k*float64(d.bytes)+1<<20
}

// measure returns the cost of building and checking src.
func measure(t *testing.T, src string) cost {
	t.Helper()
	var m0, m1 runtime.MemStats
	dest := filepath.Join(t.TempDir(), "public")
	runtime.GC() // so that the garbage of the last run is not counted in this one
	runtime.ReadMemStats(&m0)
	start := cpuTime(t)
	run([]string{"build", "-source", src, "-dest", dest}, io.Discard, io.Discard)
	run([]string{"check", "-source", src}, io.Discard, io.Discard)
	cpu := cpuTime(t) - start
	runtime.ReadMemStats(&m1)
	return cost{cpu, m1.TotalAlloc - m0.TotalAlloc}
}

func cpuTime(t *testing.T) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		t.Skipf("no CPU time here: %v", err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
