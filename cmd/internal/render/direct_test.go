package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/tools/txtar"

	"oops"
)

// TestDirect renders libraries with the pages and cards written in Go
// (direct.go) and with the layouts they copy, and requires the same bytes
// in every file: with the default layouts, and with a header, footer and
// links of the site's own, which leave the Go-written pages on.
func TestDirect(t *testing.T) {
	libs := []struct {
		name  string
		extra int // stories added, for pages of lists
	}{{"testdata/library.txtar", 0}, {"testdata/hostile.txtar", 0}, {"testdata/hostile.txtar", 3*PageSize + 7}}
	chrome := strings.NewReplacer(`class="site-header"`, `class="site-header mine"`,
		`class="site-footer"`, `class="site-footer mine"`, ` defer>`, ` defer data-mine>`).Replace(defaultLayout(t, "chrome.html"))
	for _, lib := range libs {
		for _, opt := range []Options{
			{},
			{BaseURL: "https://x.example/a b/ü+c'd/"},
			{BaseURL: "https://deploy-preview-7--oops.netlify.app", Preview: true},
		} {
			for _, own := range []map[string]string{nil, {"chrome.html": chrome}} {
				t.Run(fmt.Sprintf("%s+%d %s own%v", lib.name, lib.extra, opt.BaseURL, slices.Collect(maps.Keys(own))), func(t *testing.T) {
					direct := withLayouts(t, libraryRenderer(t, lib.name, lib.extra, opt), own)
					for _, what := range []string{"card", "story"} {
						if !direct.direct[what] {
							t.Fatalf("%s is not written in Go with layouts %v of the site's own", what, slices.Collect(maps.Keys(own)))
						}
					}
					tmpl := withLayouts(t, libraryRenderer(t, lib.name, lib.extra, opt), own)
					tmpl.direct = nil
					sameFiles(t, renderAll(t, tmpl), renderAll(t, direct), own != nil)
				})
			}
		}
	}
}

// sameFiles requires got to hold the files of want, byte for byte, and
// if mine, every page to show the site's own header, footer and links.
func sameFiles(t *testing.T, want, got *txtar.Archive, mine bool) {
	t.Helper()
	if len(got.Files) != len(want.Files) {
		t.Fatalf("%d files, want %d", len(got.Files), len(want.Files))
	}
	for i, f := range want.Files {
		if g := got.Files[i]; g.Name != f.Name || !bytes.Equal(g.Data, f.Data) {
			t.Errorf("%s differs from its layouts' rendering:\n%s", f.Name, firstDiff(string(f.Data), string(g.Data)))
		}
		if mine && strings.HasSuffix(f.Name, ".html") && bytes.Count(got.Files[i].Data, []byte("mine")) != 3 {
			t.Errorf("%s does not show the site's own header, footer and links", f.Name)
		}
	}
}

// defaultLayouts returns the default layouts, to change.
func defaultLayouts(t testing.TB) fstest.MapFS {
	layouts, _ := fs.Sub(oops.Defaults, "layouts")
	own := fstest.MapFS{}
	err := fs.WalkDir(layouts, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(layouts, name)
		own[name] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return own
}

// defaultLayout returns the default layout name.
func defaultLayout(t testing.TB, name string) string {
	data, err := fs.ReadFile(oops.Defaults, "layouts/"+name)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// withLayouts returns a renderer like r but with the site's own layouts
// own (file name to text) in place of the default ones.
func withLayouts(t testing.TB, r *Renderer, own map[string]string) *Renderer {
	layouts := defaultLayouts(t)
	for name, data := range own {
		layouts[name] = &fstest.MapFile{Data: []byte(data)}
	}
	tm, err := ParseTemplates(layouts)
	if err != nil {
		t.Fatal(err)
	}
	return New(r.Site, r.Source, tm, r.Assets, Options{BaseURL: r.BaseURL, Preview: r.Preview})
}

// TestDirectOnlyDefaults checks that a site's own layout turns off what
// is written in Go from it, and only that: a header, footer or links of
// its own (chrome.html) leave all of it on.
func TestDirectOnlyDefaults(t *testing.T) {
	own := defaultLayouts(t)
	all := "card story"
	for _, c := range []struct{ file, want string }{
		{"", all},
		{"home.html", all},
		{"chrome.html", all},
		{"tag.html", all},
		{"partials.html", ""},
		{"base.html", "card"},
		{"story.html", "card"},
	} {
		t.Run(c.file, func(t *testing.T) {
			mod := maps.Clone(own)
			if c.file != "" {
				mod[c.file] = &fstest.MapFile{Data: append(bytes.Clone(own[c.file].Data), "\n{{/* mine */}}\n"...)}
			}
			tm, err := ParseTemplates(mod)
			if err != nil {
				t.Fatal(err)
			}
			if got := strings.Join(slices.Sorted(maps.Keys(tm.direct)), " "); got != c.want {
				t.Errorf("written in Go: %q, want %q", got, c.want)
			}
		})
	}
}

// escapeContexts are the places of a page where direct.go's escapers
// copy html/template: each is the text before and after a value.
var escapeContexts = []struct {
	name, before, after string
	esc                 func(*bytes.Buffer, string)
}{
	{"text", "<p>", "</p>", escText},
	{"attr", `<p title="`, `"></p>`, escText},
	{"class", `<p class="a a-`, `"></p>`, escText},
	{"title", "<title>", "</title>", escText},
	{"meta", `<meta property="og:url" content="`, `">`, escText},
	{"href", `<a href="`, `"></a>`, escURL},
}

// FuzzEscape holds direct.go's escapers to html/template's, for any string.
func FuzzEscape(f *testing.F) {
	for _, s := range []string{"", "plain", `<a href="x">&'+</a>`, "\x00ü\xff\xc3", "javascript:alert(1)",
		"https://x.example/a b?q=1&r=2+3%zz%41#f", "/stories/x/", "JavaScript:x", "mailto:a@b", "%", "%4", "a:b/c", "/a:b"} {
		f.Add(s)
	}
	tmpls := make([]*template.Template, len(escapeContexts))
	for i, c := range escapeContexts {
		tmpls[i] = template.Must(template.New(c.name).Parse(c.before + "{{.}}" + c.after))
	}
	f.Fuzz(func(t *testing.T, s string) {
		for i, c := range escapeContexts {
			var want, got bytes.Buffer
			if err := tmpls[i].Execute(&want, s); err != nil {
				t.Fatal(err)
			}
			got.WriteString(c.before)
			c.esc(&got, s)
			got.WriteString(c.after)
			if got.String() != want.String() {
				t.Errorf("%s: %q gives %q; html/template gives %q", c.name, s, got.String(), want.String())
			}
		}
	})
}

// TestOwnBaseChrome checks that a site's own base.html that defines the
// header, footer and links itself, as base.html once did, keeps them on
// every page.
func TestOwnBaseChrome(t *testing.T) {
	base := defaultLayout(t, "base.html") + strings.Replace(defaultLayout(t, "chrome.html"), `class="site-header"`, `class="site-header mine"`, 1)
	ar := renderAll(t, withLayouts(t, newRenderer(t, Options{}), map[string]string{"base.html": base}))
	for _, f := range ar.Files {
		if strings.HasSuffix(f.Name, ".html") && !bytes.Contains(f.Data, []byte(`class="site-header mine"`)) {
			t.Errorf("%s does not show the header of the site's own base.html", f.Name)
		}
	}
}
