package render

import (
	"bytes"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"golang.org/x/tools/txtar"

	"oops"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.txtar")

// testToday is the day the pages of testdata/library.txtar are rendered
// as of, unless a test says otherwise.
var testToday = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

// newRenderer renders the library in testdata/library.txtar, as of testToday.
func newRenderer(t testing.TB, opt Options) *Renderer {
	t.Helper()
	if opt.Today.IsZero() {
		opt.Today = testToday
	}
	r := libraryRenderer(t, "testdata/library.txtar", 0, opt)
	r.SearchIndex = "/assets/search/index.0123456789.json"
	return r
}

// libraryRenderer returns a renderer of the library in the txtar file lib,
// with extra more stories, and the default layouts.
func libraryRenderer(t testing.TB, lib string, extra int, opt Options) *Renderer {
	t.Helper()
	ar, err := txtar.ParseFile(lib)
	if err != nil {
		t.Fatal(err)
	}
	src := fstest.MapFS{}
	for _, f := range ar.Files {
		src[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	for i := range extra {
		src[fmt.Sprintf("content/stories/extra-%d.md", i)] = &fstest.MapFile{Data: fmt.Appendf(nil, `---
title: "Extra <%d> & 'more'"
date: 2020-01-%02d
summary: "An extra story + \"quotes\"."
tags: [extra, t%d]
lessons: ["Lesson <%d> & more"]
changes:
  - what: "Change <%d>"
    status: done
    link: /stories/extra-%d/
---
Body.
`, i, 1+i%28, i%3, i, i, (i+1)%extra)}
	}
	return sourceRenderer(t, src, opt)
}

// sourceRenderer returns a renderer of the library src with the default
// layouts.
func sourceRenderer(t testing.TB, src fstest.MapFS, opt Options) *Renderer {
	t.Helper()
	return loadRenderer(t, src, site.Options{}, opt)
}

// loadRenderer returns a renderer of the library src, loaded with sopt,
// with the default layouts.
func loadRenderer(t testing.TB, src fstest.MapFS, sopt site.Options, opt Options) *Renderer {
	t.Helper()
	s, errs := site.Load(src, sopt)
	if errs.Errors() > 0 {
		t.Fatal(errs)
	}
	layouts, _ := fs.Sub(oops.Defaults, "layouts")
	static, _ := fs.Sub(oops.Defaults, "static")
	tmpl, err := ParseTemplates(layouts)
	if err != nil {
		t.Fatal(err)
	}
	assets, err := LoadAssets(static)
	if err != nil {
		t.Fatal(err)
	}
	return New(s, src, tmpl, assets, opt)
}

// renderAll runs every job and returns the files as a txtar archive.
func renderAll(t testing.TB, r *Renderer) *txtar.Archive {
	t.Helper()
	ar := &txtar.Archive{}
	for _, j := range r.Jobs() {
		var buf bytes.Buffer
		if err := j.Run(&buf); err != nil {
			t.Fatalf("%s: %v", j.Name, err)
		}
		ar.Files = append(ar.Files, txtar.File{Name: j.Name, Data: buf.Bytes()})
	}
	slices.SortFunc(ar.Files, func(a, b txtar.File) int { return strings.Compare(a.Name, b.Name) })
	return ar
}

// TestGolden compares every rendered file with testdata/golden.txtar.
// Review each change of that file as you would a change users see.
func TestGolden(t *testing.T) {
	got := renderAll(t, newRenderer(t, Options{}))
	const golden = "testdata/golden.txtar"
	if *update {
		got.Comment = []byte("Rendered from library.txtar; refresh with go test -update and review the diff.\n")
		if err := os.WriteFile(golden, txtar.Format(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := txtar.ParseFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	wantFiles := map[string]string{}
	for _, f := range want.Files {
		wantFiles[f.Name] = string(f.Data)
	}
	for _, f := range got.Files {
		w, ok := wantFiles[f.Name]
		switch {
		case !ok:
			t.Errorf("%s: new file (run go test -update)", f.Name)
		case w != string(f.Data):
			t.Errorf("%s differs from the golden file (run go test -update and review):\n%s", f.Name, firstDiff(w, string(f.Data)))
		}
		delete(wantFiles, f.Name)
	}
	for name := range wantFiles {
		t.Errorf("%s: no longer written", name)
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
			return fmt.Sprintf("line %d:\n  want: %.300s\n  got:  %.300s", i+1, w, g)
		}
	}
	return ""
}

func file(ar *txtar.Archive, name string) string {
	for _, f := range ar.Files {
		if f.Name == name {
			return string(f.Data)
		}
	}
	return ""
}

// TestPages checks what a reader relies on in the pages, beyond the golden files.
func TestPages(t *testing.T) {
	ar := renderAll(t, newRenderer(t, Options{}))
	story := file(ar, "stories/cert-expiry/index.html")
	for _, want := range []string{
		`<link rel="canonical" href="https://oops.example.com/stories/cert-expiry/">`,
		`<meta property="og:title" content="The certificate expired: login was down">`,
		`<li id="lesson-1">Alert on expiry dates, not on failures.`,
		`<li id="lesson-2">`,
		`<h2 id="lesson-1-1">Lesson 1</h2>`, // a heading never takes a lesson's id
		`class="chroma"`,
		`<table>`,
		`status-in-progress`, `status-planned`, `status-dropped`, `status-done`,
		`href="https://github.com/example/oops/edit/main/content/stories/2024-03-01-cert-expiry.md"`,
		`href="/stories/dns-outage/"`,
		`On the reading path <a href="/paths/onboarding/">Onboarding</a>: story 2 of 2.`,
	} {
		if !strings.Contains(story, want) {
			t.Errorf("story page lacks %s", want)
		}
	}
	for _, bad := range []string{"<script>alert", "javascript:", `preview-banner`} {
		if strings.Contains(story, bad) {
			t.Errorf("story page contains %q", bad)
		}
	}
	if dns := file(ar, "stories/dns-outage/index.html"); !strings.Contains(dns, `<h2 id="what-happened">What happened</h2>`) ||
		strings.Count(dns, "<h1") != 1 {
		t.Errorf("a body's level-1 heading should become an h2 under the page's one h1")
	}
	if dns := file(ar, "stories/dns-outage/index.html"); !strings.Contains(dns, `<li id="lesson-review">Review the records a script will touch <a class="anchor" href="#lesson-review" aria-label="Link to lesson 2">#</a></li>`) {
		t.Errorf("a pinned lesson does not stand at its anchor")
	}
	if l := file(ar, "lessons/index.html"); !strings.Contains(l, `<a href="/stories/dns-outage/#lesson-review">`) ||
		!strings.Contains(l, `<a href="/stories/dns-outage/#lesson-1">`) {
		t.Errorf("/lessons/ does not link lessons by their anchors")
	}
	if c := file(ar, "changes/index.html"); !strings.Contains(c, `<span class="n">2</span> Done`) {
		t.Errorf("changes page does not count 2 done changes")
	}
	if got := file(ar, "_redirects"); !strings.Contains(got, "/stories/old-cert/  /stories/cert-expiry/  301\n") {
		t.Errorf("_redirects lacks the alias:\n%s", got)
	}
	feed := file(ar, "feed.xml")
	if !strings.Contains(feed, "<updated>2024-03-01T00:00:00Z</updated>") || strings.Count(feed, "<entry>") != 3 {
		t.Errorf("feed.xml is not dated by its newest story or lacks entries")
	}
}

// TestStoryOncePerPage builds a story with a long title and many lessons
// and changes: /lessons/ and /changes/ name it once, not once a lesson or
// change, and no page shows the title more than its story page does.
func TestStoryOncePerPage(t *testing.T) {
	title := strings.Repeat("A long title. ", 21) // of the longest a title may be
	var b strings.Builder
	b.WriteString("---\ntitle: " + title + "\ndate: 2024-01-01\nsummary: S.\ntags: [t]\nlessons:\n")
	for i := range 50 {
		fmt.Fprintf(&b, "  - Lesson %d.\n", i)
	}
	b.WriteString("changes:\n")
	for i := range 50 {
		fmt.Fprintf(&b, "  - Change %d.\n", i)
	}
	b.WriteString("---\nBody.\n")
	ar := renderAll(t, sourceRenderer(t, fstest.MapFS{
		"content/_index.md":       {Data: []byte("---\ntitle: Site\n---\n")},
		"content/stories/long.md": {Data: []byte(b.String())},
	}, Options{}))
	title = strings.TrimSpace(title)
	for _, page := range []string{"lessons/index.html", "changes/index.html"} {
		// /lessons/ holds all of a story's lessons; the board, in pages
		// of changes, the first of them.
		if got := file(ar, page); !strings.Contains(got, "Lesson 49.") && !strings.Contains(got, "Change 0.") || strings.Count(got, title) != 1 {
			t.Errorf("%s (%d bytes) names the story %d times, want once", page, len(got), strings.Count(got, title))
		}
	}
	for _, f := range ar.Files {
		if n := strings.Count(string(f.Data), title); n > 3 {
			t.Errorf("%s names the story %d times", f.Name, n)
		}
	}
}

func TestPreview(t *testing.T) {
	ar := renderAll(t, newRenderer(t, Options{Preview: true, BaseURL: "https://deploy-preview-7--oops.netlify.app"}))
	home := file(ar, "index.html")
	for _, want := range []string{`<meta name="robots" content="noindex, nofollow">`, `class="preview-banner"`,
		`<link rel="canonical" href="https://deploy-preview-7--oops.netlify.app/">`} {
		if !strings.Contains(home, want) {
			t.Errorf("preview home lacks %s", want)
		}
	}
	if got := file(ar, "robots.txt"); got != "User-agent: *\nDisallow: /\n" {
		t.Errorf("preview robots.txt = %q", got)
	}
}

// TestVisibility checks what keeps an internal library out of search
// engines, and that a public one is open to them except on a deploy preview:
// the robots meta tag of every page, robots.txt, _headers, and whether the
// feed carries the stories' bodies.
func TestVisibility(t *testing.T) {
	const noindexMeta = `<meta name="robots" content="noindex, nofollow">`
	for _, tc := range []struct {
		name       string
		visibility string
		opt        Options
		noindex    bool
		headers    string // after the comment line
	}{
		{"internal", story.Internal, Options{}, true, "/*\n  X-Robots-Tag: noindex\n"},
		{"public", story.Public, Options{}, false, "# A public library: no header of its own.\n"},
		{"preview of a public library", story.Public, Options{Preview: true}, true, "/*\n  X-Robots-Tag: noindex\n"},
		{"internal with basic auth", story.Internal, Options{BasicAuth: "ana:pw1 bo:pw2"},
			true, "/*\n  X-Robots-Tag: noindex\n  Basic-Auth: ana:pw1 bo:pw2\n"},
		{"public with basic auth", story.Public, Options{BasicAuth: "ana:pw1"}, false, "/*\n  Basic-Auth: ana:pw1\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := newRenderer(t, tc.opt)
			r.Site.Settings.Visibility = tc.visibility
			r.global = r.globalHash()
			ar := renderAll(t, r)
			for _, f := range ar.Files {
				if strings.HasSuffix(f.Name, ".html") && strings.Contains(string(f.Data), noindexMeta) != tc.noindex {
					t.Errorf("%s: robots meta tag present is %v, want %v", f.Name, !tc.noindex, tc.noindex)
				}
			}
			robots := file(ar, "robots.txt")
			wantRobots := "User-agent: *\nDisallow: /\n"
			if !tc.noindex {
				wantRobots = "User-agent: *\nAllow: /\n\nSitemap: https://oops.example.com/sitemap.xml\n"
			}
			if robots != wantRobots {
				t.Errorf("robots.txt = %q, want %q", robots, wantRobots)
			}
			headers := file(ar, "_headers")
			_, rest, _ := strings.Cut(headers, "\n")
			if !strings.HasPrefix(headers, "# ") || rest != tc.headers {
				t.Errorf("_headers = %q, want a comment and %q", headers, tc.headers)
			}
			bodies := strings.Contains(file(ar, "feed.xml"), "<content ")
			if bodies != (tc.visibility == story.Public) {
				t.Errorf("feed carries bodies: %v; want only on a public library", bodies)
			}
		})
	}
}

func TestDeterministic(t *testing.T) {
	a := txtar.Format(renderAll(t, newRenderer(t, Options{})))
	b := txtar.Format(renderAll(t, newRenderer(t, Options{})))
	if !bytes.Equal(a, b) {
		t.Error("two renders of the same library differ")
	}
}

func TestPagesStayPut(t *testing.T) {
	list := func(n int) []*site.Story {
		var out []*site.Story
		for i := n; i > 0; i-- { // newest first: story n is the newest
			out = append(out, &site.Story{Index: n - i})
		}
		return out
	}
	for _, tc := range []struct {
		n     int
		pages []int // sizes, first page first
	}{
		{0, []int{0}}, {3, []int{3}}, {10, []int{10}}, {19, []int{19}}, {20, []int{10, 10}},
		{29, []int{19, 10}}, {30, []int{10, 10, 10}}, {31, []int{11, 10, 10}},
	} {
		urls, chunks := pages("/stories/", list(tc.n), 10)
		var sizes []int
		for _, c := range chunks {
			sizes = append(sizes, len(c))
		}
		if !slices.Equal(sizes, tc.pages) || len(urls) != len(chunks) || urls[0] != "/stories/" {
			t.Errorf("%d stories: pages of %v at %v, want sizes %v", tc.n, sizes, urls, tc.pages)
		}
	}
	// Adding stories never changes what an existing /page/n/ holds.
	before := map[string]int{}
	for n := 1; n <= 60; n++ {
		stories := list(n)
		urls, chunks := pages("/stories/", stories, 10)
		for i, u := range urls[1:] {
			oldest := n - 1 - chunks[i+1][len(chunks[i+1])-1].Index // story number, counted from 0 at the oldest
			if was, ok := before[u]; ok && was != oldest {
				t.Fatalf("%s held from story %d, now from %d", u, was, oldest)
			}
			before[u] = oldest
		}
	}
}

// The card cache stays within its budget however many cards pass through
// it, and gives back what it keeps.
func TestCardsBounded(t *testing.T) {
	c := pieces{max: maxCardBytes}
	card := strings.Repeat("x", 1000)
	for i := range 3 * maxCardBytes / len(card) {
		c.put(pieceKey{meta: uint64(i)}, card)
		if c.bytes > maxCardBytes {
			t.Fatalf("after %d cards, %d bytes kept", i+1, c.bytes)
		}
	}
	c.put(pieceKey{slug: "kept"}, "<li>kept</li>")
	if h, ok := c.get(pieceKey{slug: "kept"}); !ok || h != "<li>kept</li>" {
		t.Errorf("get = %q, %v", h, ok)
	}
}

// The pieces of the whole-library files, once full, keep what they have
// and take no more.
func TestWholeKeepsWhenFull(t *testing.T) {
	c := newWhole()
	piece := strings.Repeat("x", 1000)
	n := 2 * maxWholeBytes / len(piece)
	for i := range n {
		c.put(pieceKey{meta: uint64(i)}, piece)
		if c.bytes > maxWholeBytes {
			t.Fatalf("after %d pieces, %d bytes kept", i+1, c.bytes)
		}
	}
	if _, ok := c.get(pieceKey{meta: 0}); !ok {
		t.Error("the first piece was forgotten")
	}
	if _, ok := c.get(pieceKey{meta: uint64(n - 1)}); ok {
		t.Error("a piece past the bound was kept")
	}
}

// TestStoryBodyErrorAtItsPlace: a story that no longer has front matter
// when its body is read again (its editor is writing it) is an error at
// the line and column of the file, in the one path:line:col form.
func TestStoryBodyErrorAtItsPlace(t *testing.T) {
	for text, want := range map[string]string{
		"":                     "content/stories/a.md:1:1: empty file",
		"---\ntitle: A\ndate:": "content/stories/a.md:1:1: front matter opened here is never closed",
	} {
		r := &Renderer{Source: fstest.MapFS{"content/stories/a.md": {Data: []byte(text)}}}
		_, err := r.StoryText(&site.Story{Story: &story.Story{File: "content/stories/a.md"}})
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("%q: %v, want %s…", text, err, want)
		}
	}
}

// TestBoardPages checks that the board and its views list BoardPageSize
// changes a page, the first page the rest, and link the pages in turn.
func TestBoardPages(t *testing.T) {
	r := libraryRenderer(t, "testdata/library.txtar", 2*BoardPageSize+5, Options{})
	ar := renderAll(t, r)
	for _, view := range []string{"changes/", "changes/done/"} {
		first, second := file(ar, view+"index.html"), file(ar, view+"page/1/index.html")
		if file(ar, view+"page/2/index.html") != "" {
			t.Errorf("%s: a third page", view)
		}
		n1, n2 := strings.Count(first, `<li><span class="status`), strings.Count(second, `<li><span class="status`)
		if n2 != BoardPageSize || n1 < BoardPageSize || n1 >= 2*BoardPageSize {
			t.Errorf("%s: pages of %d and %d changes, want the second of %d and the first of the rest", view, n1, n2, BoardPageSize)
		}
		if !strings.Contains(first, `href="/`+view+`page/1/"`) {
			t.Errorf("%s does not link its second page", view)
		}
	}
}
