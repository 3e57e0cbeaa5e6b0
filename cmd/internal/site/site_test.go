package site

import (
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata")

// load builds a library from a txtar archive's files.
func load(t *testing.T, ar *txtar.Archive, opt Options) (*Site, string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		if f.Name != "want" {
			fsys[f.Name] = &fstest.MapFile{Data: f.Data}
		}
	}
	s, errs := Load(fsys, opt)
	var b strings.Builder
	for _, d := range errs {
		b.WriteString(d.Error() + "\n")
	}
	return s, b.String()
}

// TestLoad runs the cases in testdata/load: a library as a txtar archive and,
// under "want", the diagnostics it gives.
func TestLoad(t *testing.T) {
	files, _ := filepath.Glob("testdata/load/*.txt")
	if len(files) == 0 {
		t.Fatal("no test cases")
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			_, got := load(t, ar, Options{})
			i := slices.IndexFunc(ar.Files, func(f txtar.File) bool { return f.Name == "want" })
			if i < 0 {
				t.Fatal("no want section")
			}
			if *update {
				ar.Files[i].Data = []byte(got)
				os.WriteFile(file, txtar.Format(ar), 0o644)
				return
			}
			if got != string(ar.Files[i].Data) {
				t.Errorf("diagnostics:\n%s\nwant:\n%s", got, ar.Files[i].Data)
			}
		})
	}
}

func storyFile(slug, date string, tags ...string) string {
	return "-- content/stories/" + slug + ".md --\n---\ntitle: " + slug + "\ndate: " + date +
		"\nsummary: S.\ntags: [" + strings.Join(tags, ", ") + "]\n---\n"
}

func TestOrderTagsAndRelated(t *testing.T) {
	ar := txtar.Parse([]byte(
		storyFile("b-old", "2020-01-01", "db", "rare") +
			storyFile("a-same-day", "2024-05-05", "db") +
			storyFile("c-same-day", "2024-05-05", "db", "net") +
			storyFile("newest", "2025-01-01", "net", "rare") +
			storyFile("draft", "2026-01-01", "db") + "draft: true\n"))
	// The draft's front matter is cut short above; give it its own file.
	ar.Files[len(ar.Files)-1].Data = []byte("---\ntitle: d\ndate: 2026-01-01\nsummary: S.\ntags: [db]\ndraft: true\n---\n")
	s, errs := load(t, ar, Options{})
	if errs != "" {
		t.Fatal(errs)
	}
	var order []string
	for _, st := range s.Stories {
		order = append(order, st.Slug)
	}
	if want := []string{"newest", "a-same-day", "c-same-day", "b-old"}; !slices.Equal(order, want) {
		t.Errorf("order = %v, want %v (newest first, then by slug; no drafts)", order, want)
	}
	var tags []string
	for _, tg := range s.Tags {
		tags = append(tags, tg.Name+":"+itoa(len(tg.Stories)))
	}
	if want := []string{"db:3", "net:2", "rare:2"}; !slices.Equal(tags, want) {
		t.Errorf("tags = %v, want %v", tags, want)
	}
	// b-old shares db with three stories and the rare tag with one: the
	// rare tag weighs more, so newest comes first.
	var rel []string
	for _, r := range s.Story("b-old").Related {
		rel = append(rel, r.Slug)
	}
	if len(rel) == 0 || rel[0] != "newest" {
		t.Errorf("related of b-old = %v, want newest first", rel)
	}
	withDrafts, _ := load(t, ar, Options{Drafts: true})
	if withDrafts.Story("draft") == nil || len(withDrafts.Stories) != 5 {
		t.Errorf("-drafts did not include the draft")
	}
}

func TestRelatedCarriedOver(t *testing.T) {
	ar := txtar.Parse([]byte(storyFile("a", "2024-01-01", "x") + storyFile("b", "2024-01-02", "x") + storyFile("c", "2024-01-03", "y")))
	prev, _ := load(t, ar, Options{})
	files, _ := Scan(mapFS(ar))
	next, _ := Link(files, Options{}, prev)
	if got := next.Story("a").Related; len(got) != 1 || got[0] != next.Story("b") {
		t.Errorf("related carried over = %v, want [b] of the new site", got)
	}
}

func mapFS(ar *txtar.Archive) fstest.MapFS {
	fsys := fstest.MapFS{}
	for _, f := range ar.Files {
		fsys[f.Name] = &fstest.MapFile{Data: f.Data}
	}
	return fsys
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestAliasOfStaticFile: an alias may not name a file the build copies
// from static/.
func TestAliasOfStaticFile(t *testing.T) {
	ar := txtar.Parse([]byte("-- content/stories/a.md --\n---\ntitle: A\ndate: 2024-01-01\nsummary: S.\ntags: [x]\n" +
		"aliases: [/favicon.svg, /css/site.css, /css/old.css]\n---\n"))
	_, got := load(t, ar, Options{Static: []string{"css/site.css", "favicon.svg"}})
	want := `content/stories/a.md:6:11: alias "/favicon.svg" is a file the build writes, which is served before any redirect
content/stories/a.md:6:25: alias "/css/site.css" is a file the build writes, which is served before any redirect
`
	if got != want {
		t.Errorf("diagnostics:\n%s\nwant:\n%s", got, want)
	}
}

// related returns the slugs of the related stories of the story slug.
func related(s *Site, slug string) []string {
	var out []string
	for _, r := range s.Story(slug).Related {
		out = append(out, r.Slug)
	}
	return out
}

func wordyStory(slug, tag, summary, body string) string {
	return "-- content/stories/" + slug + ".md --\n---\ntitle: " + slug + "\ndate: 2024-01-01\nsummary: " + summary +
		"\ntags: [" + tag + "]\n---\n" + body + "\n"
}

// TestRelatedByWords: a story that shares no tag with any other is given
// the stories that say what it says, best first, the same in every run.
func TestRelatedByWords(t *testing.T) {
	ar := txtar.Parse([]byte(
		wordyStory("expired-cert", "tls", "The certificate expired and login failed.", "Nobody renewed the certificate; its expiry alert never fired.") +
			wordyStory("renewal-missed", "on-call", "A certificate renewal was missed.", "The renewal job failed quietly and the certificate expired on Sunday.") +
			wordyStory("dns-cleanup", "dns", "A cleanup script deleted DNS records.", "The script deleted records that looked unused.") +
			wordyStory("coffee", "office", "The coffee machine flooded the kitchen.", "Water everywhere, a mop and a lesson about hoses.") +
			wordyStory("dns-ttl", "dns", "A long TTL kept old records cached.", "Records changed but resolvers kept the old ones for a day.")))
	s, errs := load(t, ar, Options{})
	if errs != "" {
		t.Fatal(errs)
	}
	if got := related(s, "expired-cert"); len(got) == 0 || got[0] != "renewal-missed" {
		t.Errorf("related of expired-cert = %v, want renewal-missed first: it says the same words", got)
	}
	if got := related(s, "renewal-missed"); len(got) == 0 || got[0] != "expired-cert" {
		t.Errorf("related of renewal-missed = %v, want expired-cert first", got)
	}
	if got := related(s, "coffee"); len(got) != 0 {
		t.Errorf("related of coffee = %v, want none: it shares neither tags nor words", got)
	}
	for range 5 {
		again, _ := load(t, ar, Options{})
		for _, st := range s.Stories {
			if a, b := related(s, st.Slug), related(again, st.Slug); !slices.Equal(a, b) {
				t.Fatalf("related of %s = %v, then %v", st.Slug, a, b)
			}
		}
	}
}

// TestRelatedAfterEdits: related stories chosen after edits, with the
// words of the site before, are those a site read afresh chooses.
func TestRelatedAfterEdits(t *testing.T) {
	before := txtar.Parse([]byte(
		wordyStory("expired-cert", "tls", "The certificate expired and login failed.", "") +
			wordyStory("renewal-missed", "on-call", "A certificate renewal was missed.", "") +
			wordyStory("dns-cleanup", "dns", "A cleanup script deleted DNS records.", "") +
			wordyStory("dns-ttl", "dns", "A long TTL kept old records cached.", "")))
	after := txtar.Parse([]byte(
		wordyStory("expired-cert", "tls", "The certificate expired; DNS records were cached.", "") +
			wordyStory("renewal-missed", "on-call", "A certificate renewal was missed.", "") +
			wordyStory("dns-cleanup", "dns", "A cleanup script deleted DNS records.", "") +
			wordyStory("dns-ttl", "dns", "A long TTL kept old records cached.", "") +
			wordyStory("resolver", "network", "The resolver cached expired records after a renewal.", "")))
	prev, errs := load(t, before, Options{})
	if errs != "" {
		t.Fatal(errs)
	}
	files, _ := Scan(mapFS(after))
	next, _ := Link(files, Options{}, prev)
	fresh, _ := load(t, after, Options{})
	for _, st := range fresh.Stories {
		if a, b := related(fresh, st.Slug), related(next, st.Slug); !slices.Equal(a, b) {
			t.Errorf("related of %s after edits = %v, read afresh %v", st.Slug, b, a)
		}
	}
}
