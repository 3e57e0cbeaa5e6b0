package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"oops"
)

// library writes a txtar archive's files into a new temporary folder.
func libraryFrom(t *testing.T, archive string) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range txtar.Parse([]byte(archive)).Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const small = `
-- content/_index.md --
---
title: Small library
base_url: https://small.example.com/
---
Hello.
-- content/stories/first.md --
---
title: First
date: 2024-01-01
summary: The first story.
tags: [alpha, beta]
lessons: [One, Two]
changes: [Done thing]
---
Body of [the second](/stories/second/#lesson-1).
-- content/stories/second.md --
---
title: Second
date: 2024-02-01
summary: The second story.
tags: [alpha]
lessons: [Only]
aliases: [/old-second/]
---
Body.
`

// tree returns a hash of every file under dir, by slash path.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = fmt.Sprintf("%x", sha256.Sum256(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestBuildWritesTheSite(t *testing.T) {
	src := libraryFrom(t, small)
	code, stdout, stderr := runOops(t, "build", "-source", src)
	if code != 0 || stdout != "" || stderr != "" {
		t.Fatalf("build: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	files := tree(t, filepath.Join(src, "public"))
	for _, want := range []string{
		"index.html", "stories/index.html", "stories/first/index.html", "stories/second/index.html",
		"tags/index.html", "tags/alpha/index.html", "tags/beta/index.html", "lessons/index.html",
		"changes/index.html", "paths/index.html", "search/index.html", "404.html", "feed.xml",
		"sitemap.xml", "robots.txt", "urls.txt", "_redirects", "css/site.css", "favicon.svg",
	} {
		if _, ok := files[want]; !ok {
			t.Errorf("public/%s was not written", want)
		}
	}
	urls, _ := os.ReadFile(filepath.Join(src, "public", "urls.txt"))
	lines := strings.Split(strings.TrimSpace(string(urls)), "\n")
	if !slices.IsSorted(lines) || !slices.Contains(lines, "/stories/first/") || !slices.Contains(lines, "/tags/beta/") {
		t.Errorf("urls.txt is not the sorted list of pages:\n%s", urls)
	}
	redirects, _ := os.ReadFile(filepath.Join(src, "public", "_redirects"))
	if !strings.Contains(string(redirects), "/old-second/  /stories/second/  301") {
		t.Errorf("_redirects lacks the alias:\n%s", redirects)
	}
}

// TestBuildUsesOwnLayouts checks that a library's own layouts for the
// pages oops otherwise writes in Go (a story page, a card) are the ones
// executed, and that the pages it has no layout for keep the default look.
func TestBuildUsesOwnLayouts(t *testing.T) {
	src := libraryFrom(t, small+`-- layouts/story.html --
{{define "main"}}<p class="mine">{{.Story.Title}}: {{len .Lessons}} lessons</p>{{end}}
`)
	if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	read := func(name string) string {
		data, err := os.ReadFile(filepath.Join(src, "public", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	if page := read("stories/first/index.html"); !strings.Contains(page, `<p class="mine">First: 2 lessons</p>`) || strings.Contains(page, "story-head") {
		t.Errorf("the story page is not the library's own layout:\n%s", page)
	}
	if page := read("lessons/index.html"); !strings.Contains(page, `class="lesson-list"`) {
		t.Errorf("/lessons/ lost the default layout:\n%s", page)
	}

	partials, err := fs.ReadFile(oops.Defaults, "layouts/partials.html")
	if err != nil {
		t.Fatal(err)
	}
	own := strings.Replace(string(partials), `<li class="card">`, `<li class="card mine">`, 2)
	src = libraryFrom(t, small+"-- layouts/partials.html --\n"+own)
	if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
		t.Fatalf("build: exit %d: %s", code, stderr)
	}
	if n := strings.Count(read("stories/index.html"), `<li class="card mine">`); n != 2 {
		t.Errorf("/stories/ shows %d cards of the library's own partials.html, want 2", n)
	}
	if page := read("stories/first/index.html"); !strings.Contains(page, `class="story-head"`) {
		t.Errorf("the story page lost the default layout:\n%s", page)
	}
}

func TestBuildErrorsArePositionedAndComplete(t *testing.T) {
	src := libraryFrom(t, small+`
-- content/stories/broken.md --
---
title: Broken
date: 2024-13-01
summary: Bad.
tgas: [x]
---
-- content/stories/unclosed.md --
---
title: Never closed
-- content/paths/start.md --
---
title: Start
stories: [first, nope]
---
`)
	code, _, stderr := runOops(t, "build", "-source", src)
	want := `content/paths/start.md:3:18: reading path names story "nope", which does not exist
content/stories/broken.md:1:1: missing required field "tags" in story front matter
content/stories/broken.md:3:7: date "2024-13-01" must be a calendar date written YYYY-MM-DD, like 2024-03-15
content/stories/broken.md:5:1: unknown field "tgas" in story front matter (did you mean "tags"?)
content/stories/unclosed.md:1:1: front matter opened here is never closed: add a line with only --- after the last field
oops build: 5 errors
`
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	if _, err := os.Stat(filepath.Join(src, "public")); !os.IsNotExist(err) {
		t.Errorf("a failed build wrote public/")
	}
	leftovers, _ := filepath.Glob(filepath.Join(src, ".public*"))
	if len(leftovers) > 0 {
		t.Errorf("a failed build left %v", leftovers)
	}
}

func TestBuildAnnotatesForGitHubActions(t *testing.T) {
	t.Setenv("GITHUB_ACTIONS", "true")
	src := libraryFrom(t, small+`
-- content/stories/bad.md --
---
title: Bad
date: 2024-01-01
summary: S.
tags: [Bad]
---
`)
	code, _, stderr := runOops(t, "build", "-source", src)
	want := "content/stories/bad.md:5:8: tags item \"Bad\" must be lowercase letters, digits and single hyphens, like \"bad\"\n" +
		"::error file=content/stories/bad.md,line=5,col=8::tags item \"Bad\" must be lowercase letters, digits and single hyphens, like \"bad\"\n"
	if code != 1 || stderr != want {
		t.Errorf("exit %d, stderr:\n%s\nwant:\n%s", code, stderr, want)
	}
}

func TestFailedBuildKeepsPreviousOutput(t *testing.T) {
	src := libraryFrom(t, small)
	if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
		t.Fatal(stderr)
	}
	before := tree(t, filepath.Join(src, "public"))
	os.WriteFile(filepath.Join(src, "content", "stories", "first.md"), []byte("---\ntitle: [\n---\n"), 0o644)
	if code, _, _ := runOops(t, "build", "-source", src); code == 0 {
		t.Fatal("build of broken content succeeded")
	}
	if after := tree(t, filepath.Join(src, "public")); !mapsEqual(before, after) {
		t.Error("a failed build changed public/")
	}
	// A broken layout fails the build the same way.
	os.WriteFile(filepath.Join(src, "content", "stories", "first.md"), []byte("---\ntitle: F\ndate: 2024-01-01\nsummary: S.\ntags: [a]\n---\n"), 0o644)
	os.MkdirAll(filepath.Join(src, "layouts"), 0o755)
	os.WriteFile(filepath.Join(src, "layouts", "story.html"), []byte("{{define \"main\"}}\n{{.Story.Nope}}\n{{end}}\n"), 0o644)
	code, _, stderr := runOops(t, "build", "-source", src)
	if code == 0 || !strings.HasPrefix(stderr, "layouts/story.html:2:") {
		t.Errorf("broken layout: exit %d, stderr %q", code, stderr)
	}
	if after := tree(t, filepath.Join(src, "public")); !mapsEqual(before, after) {
		t.Error("a failed build changed public/")
	}
}

func TestBuildReplacesPreviousOutput(t *testing.T) {
	src := libraryFrom(t, small)
	runOops(t, "build", "-source", src)
	os.Remove(filepath.Join(src, "content", "stories", "second.md"))
	if code, _, stderr := runOops(t, "build", "-source", src); code != 0 {
		t.Fatal(stderr)
	}
	if _, err := os.Stat(filepath.Join(src, "public", "stories", "second", "index.html")); !os.IsNotExist(err) {
		t.Error("a removed story's page is still in public/")
	}
}

func TestBuildIsDeterministic(t *testing.T) {
	src := libraryFrom(t, small)
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	runOops(t, "build", "-source", src, "-dest", a)
	runOops(t, "build", "-source", src, "-dest", b)
	if !mapsEqual(tree(t, a), tree(t, b)) {
		t.Error("two builds of the same library differ")
	}
}

func TestBuildRefusesDangerousDest(t *testing.T) {
	src := libraryFrom(t, small+"-- static/keep.txt --\nkeep\n-- notes/x.txt --\nx\n")
	before := tree(t, src)
	for _, dest := range []string{
		src, filepath.Dir(src), filepath.Join(src, "content"), filepath.Join(src, "content", "stories"),
		filepath.Join(src, "static", "out"), filepath.Join(src, "layouts"), filepath.Join(src, "notes"),
	} {
		code, _, stderr := runOops(t, "build", "-source", src, "-dest", dest)
		if code == 0 || stderr == "" {
			t.Errorf("-dest %s: exit %d, stderr %q", dest, code, stderr)
		}
	}
	if after := tree(t, src); !mapsEqual(before, after) {
		t.Error("a refused build changed the source folder")
	}
}

func TestBuildFlags(t *testing.T) {
	src := libraryFrom(t, small+`
-- content/stories/draft.md --
---
title: Draft
date: 2024-03-01
summary: Not yet.
tags: [alpha]
draft: true
---
`)
	dest := filepath.Join(t.TempDir(), "out")
	if code, _, stderr := runOops(t, "build", "--source="+src, "--dest", dest, "-base-url", "https://preview.example.net", "-drafts"); code != 0 {
		t.Fatal(stderr)
	}
	page, _ := os.ReadFile(filepath.Join(dest, "stories", "draft", "index.html"))
	if !bytes.Contains(page, []byte(`<link rel="canonical" href="https://preview.example.net/stories/draft/">`)) {
		t.Errorf("-drafts and -base-url not applied:\n%.400s", page)
	}
	runOops(t, "build", "-source", src)
	if _, err := os.Stat(filepath.Join(src, "public", "stories", "draft")); !os.IsNotExist(err) {
		t.Error("a draft was built without -drafts")
	}
}

func TestUsage(t *testing.T) {
	if code, _, stderr := runOops(t); code != 2 || !strings.Contains(stderr, "Usage:") {
		t.Errorf("no command: exit %d, stderr %q", code, stderr)
	}
	if code, stdout, _ := runOops(t, "-h"); code != 0 || !strings.Contains(stdout, "oops build") {
		t.Errorf("-h: exit %d, stdout %q", code, stdout)
	}
	if code, _, stderr := runOops(t, "frobnicate"); code != 2 || !strings.Contains(stderr, `unknown command "frobnicate"`) {
		t.Errorf("unknown command: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := runOops(t, "build", "-nope"); code != 2 || !strings.Contains(stderr, "-nope") {
		t.Errorf("unknown flag: exit %d, stderr %q", code, stderr)
	}
	if code, stdout, _ := runOops(t, "version"); code != 0 || !strings.HasPrefix(stdout, "oops ") {
		t.Errorf("version: exit %d, stdout %q", code, stdout)
	}
}

// TestNoBrokenLinks builds the repository's own library and a generated
// one, and follows every link and asset reference of every page: each must
// lead to a file the build wrote (or to an alias it redirects), and each
// #fragment to an id on that page.
func TestNoBrokenLinks(t *testing.T) {
	for _, src := range []string{"../..", libraryFrom(t, small)} {
		dest := filepath.Join(t.TempDir(), "public")
		if code, _, stderr := runOops(t, "build", "-source", src, "-dest", dest); code != 0 {
			t.Fatalf("build %s: %s", src, stderr)
		}
		checkLinks(t, dest)
	}
}

var (
	linkAttr = regexp.MustCompile(`(?:href|src)="([^"]*)"`)
	idAttr   = regexp.MustCompile(`\sid="([^"]*)"`)
)

func checkLinks(t *testing.T, dest string) {
	t.Helper()
	redirects, _ := os.ReadFile(filepath.Join(dest, "_redirects"))
	ids := map[string]map[string]bool{}
	idsOf := func(file string) map[string]bool {
		if ids[file] == nil {
			data, _ := os.ReadFile(filepath.Join(dest, file))
			ids[file] = map[string]bool{}
			for _, m := range idAttr.FindAllSubmatch(data, -1) {
				ids[file][string(m[1])] = true
			}
		}
		return ids[file]
	}
	pages := 0
	for file := range tree(t, dest) {
		if !strings.HasSuffix(file, ".html") {
			continue
		}
		pages++
		data, _ := os.ReadFile(filepath.Join(dest, file))
		base := &url.URL{Path: "/" + strings.TrimSuffix(file, "index.html")}
		for _, m := range linkAttr.FindAllSubmatch(data, -1) {
			ref := strings.ReplaceAll(string(m[1]), "&amp;", "&")
			u, err := base.Parse(ref)
			if err != nil || u.Scheme != "" || u.Host != "" {
				continue // external
			}
			target := strings.TrimPrefix(u.Path, "/")
			if target == "" || strings.HasSuffix(target, "/") {
				target += "index.html"
			}
			if _, err := os.Stat(filepath.Join(dest, filepath.FromSlash(target))); err != nil {
				if !bytes.Contains(redirects, []byte(u.Path+"  ")) {
					t.Errorf("%s links to %s, which was not written", file, ref)
				}
				continue
			}
			if u.Fragment != "" && path.Ext(target) == ".html" && !idsOf(target)[u.Fragment] {
				t.Errorf("%s links to %s, but %s has no id %q", file, ref, target, u.Fragment)
			}
		}
	}
	if pages < 10 {
		t.Errorf("only %d pages checked", pages)
	}
}

func mapsEqual(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
