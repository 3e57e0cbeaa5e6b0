package story

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"golang.org/x/tools/txtar"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/front"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata")

// TestParse runs the cases in testdata/parse: each is a txtar archive of
// files and, under "want", the diagnostics they give, one a line.
func TestParse(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*.txt")
	if len(files) == 0 {
		t.Fatal("no test cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			var got diag.List
			var want *txtar.File
			for i := range ar.Files {
				f := &ar.Files[i]
				if f.Name == "want" {
					want = f
					continue
				}
				got.Append(parseAny(f.Name, f.Data))
			}
			if want == nil {
				t.Fatal("no want section")
			}
			got.Sort()
			var b strings.Builder
			for _, d := range got {
				b.WriteString(d.Error() + "\n")
			}
			if *update {
				want.Data = []byte(b.String())
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if b.String() != string(want.Data) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", b.String(), want.Data)
			}
		})
	}
}

// parseAny parses a file with the parser its place under content/ calls for.
func parseAny(name string, src []byte) diag.List {
	rel := strings.TrimPrefix(name, "content/")
	switch {
	case rel == "_index.md":
		_, d := ParseSettings(name, src)
		return d
	case strings.HasPrefix(rel, "stories/"):
		_, d := Parse(name, src)
		return d
	case strings.HasPrefix(rel, "paths/"):
		_, d := ParsePath(name, src)
		return d
	case strings.HasPrefix(rel, "tags/"):
		_, d := ParseTag(name, src)
		return d
	}
	_, d := ParsePage(name, src)
	return d
}

func TestParseValues(t *testing.T) {
	src := "---\ntitle: \"The certificate expired\"\ndate: 2024-03-01\nsummary: S.\ntags: [a, b]\n" +
		"changes:\n  - done thing\n  - what: later\n    status: planned\n    link: /stories/x/\n" +
		"    owner: SRE\n    due: 2024-06-30\n  - what: made\n    status: done\n    done: 2024-04-02\n" +
		"slug: custom\naliases: [/old/]\ndraft: true\n---\nBody\n"
	s, errs := Parse("content/stories/2024-03-01-file-name.md", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.Slug != "custom" || s.Title != "The certificate expired" || s.Date.Format("2006-01-02") != "2024-03-01" ||
		!s.Draft || len(s.Tags) != 2 || s.BodyLine != 20 {
		t.Errorf("got %+v", s)
	}
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	want := []Change{
		{What: "done thing", Status: "done", At: Pos{7, 5}},
		{What: "later", Status: "planned", Link: "/stories/x/", Owner: "SRE", Due: day("2024-06-30"), At: Pos{8, 5}},
		{What: "made", Status: "done", Done: day("2024-04-02"), At: Pos{13, 5}, DoneAt: Pos{15, 11}},
	}
	if !slices.Equal(s.Changes, want) {
		t.Errorf("changes = %+v, want %+v", s.Changes, want)
	}
	s, _ = Parse("content/stories/2024-03-01-file-name.md", []byte("---\ntitle: x\n---\n"))
	if s.Slug != "file-name" {
		t.Errorf("slug from file name = %q, want file-name", s.Slug)
	}
}

func TestSlugify(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Café outage — 東京", "cafe-outage"},
		{"  The DNS  record (prod) expired!  ", "the-dns-record-prod-expired"},
		{"Straße über Ørsted", "strasse-uber-orsted"},
		{"The ﬁle server in ＵＴＦ-８", "the-file-server-in-utf-8"}, // folded as search words are
		{"東京", ""},
		{"---", ""},
		{"v2.0 rollout", "v2-0-rollout"},
		{strings.Repeat("word ", 40), strings.TrimSuffix(strings.Repeat("word-", 16), "-")},
	} {
		if got := Slugify(tc.in); got != tc.want {
			t.Errorf("Slugify(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"tgas", "tags", 1}, {"deploy", "deploys", 1}, {"db", "database", 6}, {"", "abc", 3}, {"same", "same", 0},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

// FuzzParse: no input may panic, and whatever is accepted is consistent.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/parse/*.txt")
	for _, file := range files {
		ar, _ := txtar.ParseFile(file)
		for _, fl := range ar.Files {
			if fl.Name != "want" {
				f.Add(fl.Data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, errs := Parse("content/stories/fuzz.md", src)
		for _, d := range errs {
			if d.Line < 0 || d.Col < 0 || d.Msg == "" {
				t.Fatalf("bad diagnostic %+v", d)
			}
		}
		if s != nil && errs.Errors() == 0 {
			if s.Title == "" || len(s.Tags) == 0 || s.Summary == "" || s.Date.IsZero() || !ValidSlug(s.Slug) {
				t.Fatalf("accepted an incomplete story: %+v", s)
			}
			checkLimits(t, s)
		}
	})
}

// checkLimits fails t if an accepted story goes past a limit of the format.
func checkLimits(t *testing.T, s *Story) {
	t.Helper()
	n := utf8.RuneCountInString
	if n(s.Title) > maxLine || n(s.Summary) > maxText || n(s.Impact) > maxText || n(s.Duration) > maxLine ||
		s.Date.Year() < minYear || s.Date.Year() > maxYear {
		t.Fatalf("accepted a field past its limit: %+v", s)
	}
	for _, l := range [][]string{s.Tags, s.Authors, s.Lessons, s.Related, s.Aliases} {
		if len(l) > maxItems {
			t.Fatalf("accepted a list of %d items: %q", len(l), l)
		}
	}
	if len(s.Changes) > maxItems {
		t.Fatalf("accepted %d changes", len(s.Changes))
	}
	seen := map[string]bool{}
	for _, r := range s.Related {
		if seen[r] {
			t.Fatalf("accepted %q twice in related", r)
		}
		seen[r] = true
	}
}

// TestSettingsVisibility checks the settings' visibility, sensitive terms
// and allow list, and that a library is internal unless it says otherwise.
func TestSettingsVisibility(t *testing.T) {
	s, d := ParseSettings("content/_index.md", []byte("---\ntitle: Site\nsensitive: [Globex, Project Nightjar]\nallow: [support@acme.com, status.acme.com]\n---\n"))
	if len(d) > 0 || s.Visibility != Internal || len(s.Sensitive) != 2 || s.Allow[1] != "status.acme.com" {
		t.Errorf("got %+v, %v; want internal, two sensitive terms and two allowed", s, d)
	}
	if s := DefaultSettings(); s.Visibility != Internal {
		t.Errorf("default visibility %q, want internal", s.Visibility)
	}
	s, _ = ParseSettings("content/_index.md", []byte("---\ntitle: Site\nvisibility: public\n---\n"))
	if s.Visibility != Public {
		t.Errorf("visibility %q, want public", s.Visibility)
	}
}

// TestLessonAnchors: a plain lesson's anchor is lesson-N by its position, a
// pinned one keeps its anchor wherever it stands.
func TestLessonAnchors(t *testing.T) {
	src := "---\ntitle: T\ndate: 2024-03-01\nsummary: S.\ntags: [a]\nlessons:\n" +
		"  - First\n  - {text: Inserted, anchor: lesson-inserted}\n  - {text: Second, anchor: lesson-2}\n  - Fourth\n---\n"
	s, errs := Parse("content/stories/s.md", []byte(src))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := []string{"lesson-1", "lesson-inserted", "lesson-2", "lesson-4"}
	if strings.Join(s.Anchors, " ") != strings.Join(want, " ") || strings.Join(s.Lessons, "|") != "First|Inserted|Second|Fourth" {
		t.Errorf("anchors %q of lessons %q, want %q", s.Anchors, s.Lessons, want)
	}
	if s.LessonsAt[2] != (Pos{9, 5}) {
		t.Errorf("third lesson at %v, want 9:5", s.LessonsAt[2])
	}
}

// TestBody checks that a story's body, read again, is what the front-matter
// scanner finds in the file: cut where Parse found it when the file is the
// one it read, found afresh when the file has changed since.
func TestBody(t *testing.T) {
	files := []string{
		"---\ntitle: A\ndate: 2024-01-02\n---\nBody.\n",
		"\ufeff---\r\ntitle: A\r\ndate: 2024-01-02\r\n---\r\n\r\nBody\r\non two lines.\r\n",
		"+++\ntitle = \"A\"\ndate = 2024-01-02\n+++\n# Body\n",
		"---\ntitle: A\ndate: 2024-01-02\n---",
	}
	for _, src := range files {
		st, _ := Parse("content/stories/a.md", []byte(src))
		if st == nil || st.bodyAt == 0 {
			t.Fatalf("%q: Parse kept no place for the body", src)
		}
		changed := strings.Replace(src, "title", "summary: longer than before\ntitle", 1)
		for _, again := range []string{src, changed} {
			body, line, err := st.Body([]byte(again))
			wantBody, wantLine, wantErr := front.Body([]byte(again))
			if string(body) != string(wantBody) || line != wantLine || (err == nil) != (wantErr == nil) {
				t.Errorf("%q: body %q at line %d, %v; want %q at line %d, %v", again, body, line, err, wantBody, wantLine, wantErr)
			}
		}
	}
}
