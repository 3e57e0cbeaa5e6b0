package check

import (
	"strings"
	"testing"
	"testing/fstest"

	"oops/cmd/internal/front"
	"oops/cmd/internal/site"
)

func TestResolve(t *testing.T) {
	tests := []struct {
		base, dest string
		want       string // "" when the link leaves the site or stays on the page
	}{
		{"/stories/a/", "/stories/b/", "/stories/b/"},
		{"/stories/a/", "../b/", "/stories/b/"},
		{"/stories/a/", "../../tags/x/", "/tags/x/"},
		{"/stories/a/", "diagram.png", "/stories/a/diagram.png"},
		{"/", "about/", "/about/"},
		{"/", "../../../x", "/x"},
		{"/stories/a/", "/search/?q=dns#top", "/search/"},
		{"/stories/a/", "/stories", "/stories"},
		{"/stories/a/", "/caf%C3%A9/", "/café/"},
		{"/stories/a/", "#lesson-1", ""},
		{"/stories/a/", "?q=x", ""},
		{"/stories/a/", "", ""},
		{"/stories/a/", "https://example.com/", ""},
		{"/stories/a/", "//example.com/x", ""},
		{"/stories/a/", "mailto:team@example.com", ""},
		{"/stories/a/", "tel:+15550100", ""},
	}
	for _, tt := range tests {
		got, ok := resolve(tt.base, tt.dest)
		if !ok {
			got = ""
		}
		if got != tt.want {
			t.Errorf("resolve(%q, %q) = %q, want %q", tt.base, tt.dest, got, tt.want)
		}
	}
}

func TestURLSet(t *testing.T) {
	u := &urlSet{
		pages: map[string]bool{"/": true, "/stories/": true, "/stories/b/": true, "/tags/x/": true, "/feed.xml": true},
		files: map[string]bool{"/stories/b/index.html": true, "/img/logo.svg": true},
		rules: parseRedirects(`# comment
/oops/stories/old/  /oops/stories/b/  301
/oops/stories/older  /oops/stories/old/  301
/oops/stories/page/*  /oops/stories/  302
/oops/tags/:tag/page/*  /oops/tags/:tag/  302
`, "/oops/"),
	}
	tests := []struct {
		path string
		want bool
	}{
		{"/stories/b/", true},
		{"/stories/b", true},
		{"/stories/b/index.html", true},
		{"/img/logo.svg", true},
		{"/img/logo.svg/", false},
		{"/feed.xml", true},
		{"/stories/old/", true},
		{"/stories/old", true},
		{"/stories/older/", true},
		{"/stories/page/9/", true},
		{"/stories/page/", true},
		{"/tags/x/page/2/", true},
		{"/tags/y/page/2/", false},
		{"/tags/y/", false},
		{"/stories/c/", false},
		{"/about/", false},
	}
	for _, tt := range tests {
		if got := u.has(tt.path); got != tt.want {
			t.Errorf("has(%q) = %v, want %v", tt.path, got, tt.want)
		}
	}
}

func TestSimilarity(t *testing.T) {
	tests := []struct {
		a, b string
		like bool // scores at least 0.5
	}{
		{"/stories/expired-cert/", "/stories/expired-certificate-took-down-login/", true},
		{"/stories/expired-certifcate/", "/stories/expired-certificate/", true},
		{"/abuot/", "/about/", true},
		{"/about/", "/about-us/", true},
		{"/tags/deploy/", "/tags/deploys/", true},
		{"/stories/deploy/", "/tags/deploy/", false},
		{"/stories/retired-story/", "/stories/expired-certificate/", false},
		{"/tags/certs/", "/tags/certificates/", false},
	}
	for _, tt := range tests {
		if got := similarity(tt.a, tt.b); got >= 0.5 != tt.like {
			t.Errorf("similarity(%q, %q) = %.2f, want like=%v", tt.a, tt.b, got, tt.like)
		}
	}
}

func TestScanText(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []string // line:col: start of message
	}{
		{"each phrase", "---\ntitle: Stupid\n---\nCarelessly, the fault  of one; we should have known, then Blamed and blames.\n", []string{
			`2:8: warning: "Stupid" points at a person`,
			`4:1: warning: "Carelessly" points at a person`,
			`4:17: warning: "fault  of" assigns fault`,
			`4:35: warning: "should have known" judges with hindsight`,
			`4:59: warning: "Blamed" assigns blame`,
			`4:70: warning: "blames" assigns blame`,
		}},
		{"not words of their own", "---\n---\nBlameless, faultless, stupidest, carelessnesses, default of, shoulder have known.\n", nil},
		{"no blame meant", "---\n---\nA blame-free review, no blame, no-blame, without blame; git blame.\n", nil},
		{"code", "---\n---\nRun `git log --blame` or `` stupid ``.\n\n```\ncareless\n```\n\n~~~~\n```\nstupid\n~~~~\n    indented careless code is prose here\n", []string{
			`13:14: warning: "careless" points at a person`,
		}},
		{"placeholders", "---\ntitle: \"(fill in) x\"\nchanges:\n  - what: \"(fill in)\"\n---\n(fill in)\n## Impact\n`(fill in)`\n", []string{
			"2:9: replace the (fill in) text in title with your own words",
			"4:12: replace the (fill in) text in changes with your own words",
			"6:1: replace the (fill in) text with your own words",
			`8:2: replace the (fill in) text under "Impact" with your own words`,
		}},
		{"columns in characters", "---\n---\nÉté 東京 (fill in) — careless\r\n", []string{
			"3:8: replace the (fill in) text",
			`3:20: warning: "careless"`,
		}},
		{"byte-order mark", "\ufeff---\ntitle: (fill in)\n---\n", []string{"2:8: replace the (fill in) text in title"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, bodyLine, err := front.Body([]byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			got := scanText("a.md", []byte(tt.src), bodyLine)
			if len(got) != len(tt.want) {
				t.Fatalf("got %d diagnostics, want %d:\n%v", len(got), len(tt.want), got)
			}
			for i, d := range got {
				if s := strings.TrimPrefix(d.Error(), "a.md:"); !strings.HasPrefix(s, tt.want[i]) {
					t.Errorf("got %s\nwant a.md:%s...", d.Error(), tt.want[i])
				}
			}
		})
	}
}

func TestDuplicateTags(t *testing.T) {
	stories := map[string][]string{
		"a": {"deploys", "database", "ci", "python2", "service-001", "dpeloy", "node1"},
		"b": {"deploys", "cd", "python3", "service-002", "ipv4", "node10", "rack-a1"},
		"c": {"deploy", "db", "ipv6", "queue", "node0", "rack-a"},
		"d": {"queues", "certs", "cert"},
	}
	fsys := fstest.MapFS{
		"content/tags/database.md": {Data: []byte("---\nsynonyms: [db, databases]\n---\n")},
		"content/tags/queue.md":    {Data: []byte("---\ntitle: Queue\n---\n")},
		"content/tags/queues.md":   {Data: []byte("---\ntitle: Queues\n---\n")},
	}
	for slug, tags := range stories {
		fsys["content/stories/"+slug+".md"] = &fstest.MapFile{Data: []byte(
			"---\ntitle: T\ndate: 2024-01-01\nsummary: S.\ntags: [" + strings.Join(tags, ", ") + "]\n---\n")}
	}
	s, errs := site.Load(fsys, site.Options{})
	if errs.Errors() > 0 {
		t.Fatal(errs)
	}
	files, _ := site.Scan(fsys)
	got := duplicateTags(s, files)
	want := map[string]string{
		"db":     `tag "db" is a synonym of "database" (content/tags/database.md lists it): use "database", as 1 story does`,
		"deploy": `tag "deploy" looks like a duplicate of "deploys": use "deploys", as 2 stories do`,
		"dpeloy": `tag "dpeloy" looks like a duplicate of "deploy": use "deploys", as 2 stories do`,
		"certs":  `tag "certs" looks like a duplicate of "cert": use "cert", as 1 story does`,
	}
	if len(got) != len(want) {
		t.Errorf("got %d odd tags, want %d: %v", len(got), len(want), got)
	}
	for tag, msg := range want {
		if got[tag] != msg {
			t.Errorf("tag %q: got %q, want %q", tag, got[tag], msg)
		}
	}
}

func TestParseBaseline(t *testing.T) {
	b, err := ParseBaseline("urls.txt", []byte("# published\n/\n\n  /stories/  \nhttps://oops.example.com/tags/x/\r\n/feed.xml"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(b.Paths, " "), "/ /stories/ /tags/x/ /feed.xml"; got != want {
		t.Errorf("paths %q, want %q", got, want)
	}
	if got, want := b.Lines, []int{2, 4, 5, 6}; len(got) != len(want) || got[0] != 2 || got[3] != 6 {
		t.Errorf("lines %v, want %v", got, want)
	}
	_, err = ParseBaseline("urls.txt", []byte("/\n<html>\n"))
	if err == nil || !strings.HasPrefix(err.Error(), `urls.txt:2:1: "<html>" is not a URL path`) {
		t.Errorf("error %v", err)
	}
}
