package render

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/mmcdole/gofeed"
	"github.com/mmcdole/gofeed/atom"

	"oops/cmd/internal/site"
)

// parseAtom reads an Atom feed as a feed reader does, and checks what
// RFC 4287 requires of it: an id, a title and an updated date for the feed
// and each entry, and for each entry a link.
func parseAtom(t *testing.T, name, src string) *atom.Feed {
	t.Helper()
	f, err := new(atom.Parser).Parse(strings.NewReader(src))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	if ft := gofeed.NewParser(); ft != nil {
		if g, err := ft.ParseString(src); err != nil || g.FeedType != "atom" {
			t.Fatalf("%s: a feed reader reads it as %q: %v", name, g.FeedType, err)
		}
	}
	if f.ID == "" || f.Title == "" || f.UpdatedParsed == nil {
		t.Errorf("%s: the feed lacks an id, title or updated date", name)
	}
	for _, e := range f.Entries {
		if e.ID == "" || e.Title == "" || e.UpdatedParsed == nil || len(e.Links) == 0 {
			t.Errorf("%s: entry %q lacks an id, title, updated date or link", name, e.Title)
		}
	}
	return f
}

func entryLinks(f *atom.Feed) []string {
	var out []string
	for _, e := range f.Entries {
		out = append(out, e.Links[0].Href)
	}
	return out
}

// TestFeeds reads the feeds of the site, of a tag, of a reading path and
// of the changes board with a feed library, and checks that each page
// announces its own.
func TestFeeds(t *testing.T) {
	ar := renderAll(t, newRenderer(t, Options{}))
	const base = "https://oops.example.com"
	for _, tc := range []struct {
		feed, page string
		links      []string
	}{
		{"feed.xml", "index.html", []string{base + "/stories/cert-expiry/", base + "/stories/dns-outage/", base + "/stories/oops-meeting/"}},
		{"tags/on-call/feed.xml", "tags/on-call/index.html", []string{base + "/stories/cert-expiry/", base + "/stories/dns-outage/"}},
		{"paths/onboarding/feed.xml", "paths/onboarding/index.html", []string{base + "/stories/oops-meeting/", base + "/stories/cert-expiry/"}},
		// Done changes, the newest first.
		{"changes/feed.xml", "changes/index.html", []string{base + "/stories/cert-expiry/#changes", base + "/stories/dns-outage/#changes"}},
	} {
		src := file(ar, tc.feed)
		if src == "" {
			t.Errorf("%s is not written", tc.feed)
			continue
		}
		f := parseAtom(t, tc.feed, src)
		if got := entryLinks(f); !slices.Equal(got, tc.links) {
			t.Errorf("%s links %q, want %q", tc.feed, got, tc.links)
		}
		self := slices.IndexFunc(f.Links, func(l *atom.Link) bool { return l.Rel == "self" && l.Href == base+"/"+tc.feed })
		if self < 0 {
			t.Errorf("%s does not link itself", tc.feed)
		}
		page := file(ar, tc.page)
		if !strings.Contains(page, `<link rel="alternate" type="application/atom+xml" title="`) ||
			!strings.Contains(page, `href="/`+tc.feed+`">`) {
			t.Errorf("%s does not announce %s", tc.page, tc.feed)
		}
		if tc.feed != "feed.xml" && !strings.Contains(page, `<a href="/`+tc.feed+`">Subscribe</a>`) {
			t.Errorf("%s has no Subscribe link to %s", tc.page, tc.feed)
		}
	}
	if !strings.Contains(file(ar, "urls.txt"), "/tags/on-call/feed.xml\n") {
		t.Errorf("urls.txt does not list the tags' feeds, which subscribers rely on")
	}
}

// TestChangesFeedByDoneDate checks that /changes/feed.xml gives changes
// as they become done: by their done date where they have one, else by
// their story's date, and not in the order of their stories.
func TestChangesFeedByDoneDate(t *testing.T) {
	story := func(date, change string) *fstest.MapFile {
		return &fstest.MapFile{Data: []byte("---\ntitle: T\ndate: " + date + "\nsummary: S.\ntags: [a]\nchanges:\n  - " + change + "\n---\nBody.\n")}
	}
	src := fstest.MapFS{
		"content/stories/newest.md": story("2024-03-01", "Undated, dated by its story"),
		"content/stories/middle.md": story("2024-01-01", "{what: Done last, status: done, done: 2024-06-01}"),
		"content/stories/oldest.md": story("2023-01-01", "{what: Done in February, status: done, done: 2024-02-01}"),
	}
	ar := renderAll(t, loadRenderer(t, src, site.Options{}, Options{}))
	f := parseAtom(t, "changes/feed.xml", file(ar, "changes/feed.xml"))
	var got []string
	for _, e := range f.Entries {
		got = append(got, e.Title+" "+e.Updated)
	}
	want := []string{
		"Done last 2024-06-01T00:00:00Z",
		"Undated, dated by its story 2024-03-01T00:00:00Z",
		"Done in February 2024-02-01T00:00:00Z",
	}
	if !slices.Equal(got, want) {
		t.Errorf("changes feed entries:\n%q\nwant newest done first:\n%q", got, want)
	}
	if f.Updated != "2024-06-01T00:00:00Z" {
		t.Errorf("changes feed updated %s, want the latest done date, 2024-06-01", f.Updated)
	}
}
