package markdown

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// TestCases renders each NAME.md of testdata/cases.txtar and compares it
// with NAME.html.
func TestCases(t *testing.T) {
	const file = "testdata/cases.txtar"
	ar, err := txtar.ParseFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range ar.Files {
		name, ok := strings.CutSuffix(f.Name, ".md")
		if !ok {
			continue
		}
		want := &ar.Files[i+1]
		if want.Name != name+".html" {
			t.Fatalf("%s is not followed by %s.html", f.Name, name)
		}
		got := Render(f.Data).HTML
		if *update {
			want.Data = []byte(got)
			continue
		}
		if string(got) != string(want.Data) {
			t.Errorf("%s:\n%s\nwant:\n%s", f.Name, got, want.Data)
		}
	}
	if *update {
		os.WriteFile(file, txtar.Format(ar), 0o644)
	}
}

func TestSafeURL(t *testing.T) {
	for _, tc := range []struct {
		url  string
		safe bool
	}{
		{"https://example.com", true}, {"HTTP://EXAMPLE.COM", true}, {"mailto:a@b.c", true}, {"tel:+123", true},
		{"/stories/x/", true}, {"../x", true}, {"#lesson-1", true}, {"x.png", true}, {"?q=1", true}, {"a/b:c", true},
		{"javascript:alert(1)", false}, {" javascript:x", false}, {"\x01javascript:x", false}, {"java\tscript:x", false},
		{"JAVASCRIPT:x", false}, {"vbscript:x", false}, {"data:text/html,x", false}, {"data:image/png;base64,x", false},
		{"file:///etc/passwd", false}, {"ftp://x", false},
	} {
		if got := SafeURL(tc.url); got != tc.safe {
			t.Errorf("SafeURL(%q) = %v, want %v", tc.url, got, tc.safe)
		}
	}
}

func TestTextAndLinks(t *testing.T) {
	src := "# Title\n\nSome *words* and `code`.\n\nSee [the story](/stories/x/) and\n![a chart](/img/c.png).\n"
	res := Render([]byte(src))
	if got := string(res.Text); got != "Title\nSome words and code.\nSee the story and a chart.\n" {
		t.Errorf("text = %q", got)
	}
	want := []Link{{Dest: "/stories/x/", Line: 5, Col: 5}, {Dest: "/img/c.png", Image: true, Line: 6, Col: 1}}
	if len(res.Links) != 2 || res.Links[0] != want[0] || res.Links[1] != want[1] {
		t.Errorf("links = %+v, want %+v", res.Links, want)
	}
}

// TestEmailLinks: an e-mail address, bare or in <>, is a mailto: link,
// not a path of the site.
func TestEmailLinks(t *testing.T) {
	res := Render([]byte("Write to ana@example.com or <bo@example.com>.\n"))
	if len(res.Links) != 2 || res.Links[0].Dest != "mailto:ana@example.com" || res.Links[1].Dest != "mailto:bo@example.com" {
		t.Errorf("links = %+v, want mailto: links", res.Links)
	}
}

func TestReservedIDs(t *testing.T) {
	res := Render([]byte("## Lessons\n\n## Lesson 2\n\n## Lesson 2\n"), "lessons", "lesson-2")
	for _, want := range []string{`id="lessons-1"`, `id="lesson-2-1"`, `id="lesson-2-2"`} {
		if !strings.Contains(string(res.HTML), want) {
			t.Errorf("missing %s in %s", want, res.HTML)
		}
	}
}

// unsafeHTML matches what must never reach a page from a story: a script
// element, an event handler, or a link or image with a script or data URL.
var unsafeHTML = regexp.MustCompile(`(?i)<script|<[^>]*\son[a-z]+\s*=|(href|src)\s*=\s*"[\s\x00-\x1f]*(javascript|vbscript|data|file):`)

func FuzzRender(f *testing.F) {
	ar, _ := txtar.ParseFile("testdata/cases.txtar")
	for _, fl := range ar.Files {
		f.Add(string(fl.Data))
	}
	f.Fuzz(func(t *testing.T, src string) {
		res := Render([]byte(src))
		if m := unsafeHTML.FindString(string(res.HTML)); m != "" {
			t.Fatalf("output of %q contains %q:\n%s", src, m, res.HTML)
		}
	})
}

func TestMayAutolink(t *testing.T) {
	for src, want := range map[string]bool{
		"plain text. more text.": false, "see www.example.com": true, "see WWW.Example.com": true,
		"mail ana@example.com": true, "https://x": true, "a.b.c": false, "": false,
	} {
		if got := mayAutolink([]byte(src)); got != want {
			t.Errorf("mayAutolink(%q) = %v, want %v", src, got, want)
		}
	}
}

// Link columns count characters, also for several links on one line.
func TestLinkColumns(t *testing.T) {
	res := Render([]byte("é [a](/x) ü [b](/y)\n\n→ ![c](/z.png) and [d](/w)\n"))
	want := []Link{{Dest: "/x", Line: 1, Col: 3}, {Dest: "/y", Line: 1, Col: 13}, {Dest: "/z.png", Image: true, Line: 3, Col: 3}, {Dest: "/w", Line: 3, Col: 20}}
	if len(res.Links) != len(want) {
		t.Fatalf("links = %+v, want %+v", res.Links, want)
	}
	for i := range want {
		if res.Links[i] != want[i] {
			t.Errorf("link %d = %+v, want %+v", i, res.Links[i], want[i])
		}
	}
}
