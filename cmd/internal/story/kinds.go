package story

import (
	"bytes"
	"net/url"
	"path"
	"strings"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/front"
)

// Bodies of paths, tags, pages and settings are copies: the caller may
// reuse the buffer it parsed them from.

// A Path is a reading path: stories to read in order (content/paths/<name>.md).
type Path struct {
	File      string
	Name      string
	Title     string
	Summary   string
	Stories   []string
	StoriesAt []Pos
	Aliases   []string
	AliasesAt []Pos
	Body      []byte
	BodyLine  int
}

var pathFields = []field[Path]{
	{"title", true, func(d *decoder, v *front.Value, p *Path) { p.Title = d.str(v, "title", maxLine) }},
	{"summary", false, func(d *decoder, v *front.Value, p *Path) { p.Summary = d.str(v, "summary", maxText) }},
	{"stories", true, func(d *decoder, v *front.Value, p *Path) {
		p.Stories, p.StoriesAt = d.uniqueSlugs(v, "stories", maxPath)
		if v.Kind == front.List && len(v.Items) == 0 {
			d.errorf(at(v), "stories is empty: a reading path lists at least one story slug")
		}
	}},
	{"aliases", false, func(d *decoder, v *front.Value, p *Path) { p.Aliases, p.AliasesAt = d.aliases(v) }},
}

// ParsePath parses a reading path.
func ParsePath(file string, src []byte) (*Path, diag.List) {
	v, d, _ := parse(file, src, "reading path", pathFields, func(d *decoder, f *front.File) *Path {
		return &Path{File: file, Name: d.fileName(file, "reading path"), Body: bytes.Clone(f.Body), BodyLine: f.BodyLine}
	})
	return v, d.errs
}

// parse parses a file of a kind: its front matter into the value that
// start makes of the file, field by field. The value is nil if the file
// has no front matter to read; the decoder holds the problems found.
func parse[T any](file string, src []byte, kind string, fields []field[T], start func(*decoder, *front.File) *T) (*T, *decoder, *front.File) {
	d := &decoder{file: file}
	f, err := front.Parse(src)
	if err != nil {
		d.fileError(err)
		return nil, d, nil
	}
	v := start(d, f)
	decodeFields(d, f.Meta, f.MetaLine, kind, fields, v)
	return v, d, f
}

// A Tag is the optional description of a tag (content/tags/<tag>.md).
type Tag struct {
	File     string
	Name     string
	Title    string   // display name; the tag itself when empty
	Summary  string   // one line for the tags index
	Synonyms []string // other tags that mean the same: check warns on their use
	Aliases  []string
	AliasAt  []Pos
	Body     []byte
	BodyLine int
}

var tagFields = []field[Tag]{
	{"title", false, func(d *decoder, v *front.Value, t *Tag) { t.Title = d.str(v, "title", maxLine) }},
	{"summary", false, func(d *decoder, v *front.Value, t *Tag) { t.Summary = d.str(v, "summary", maxText) }},
	{"synonyms", false, func(d *decoder, v *front.Value, t *Tag) { t.Synonyms, _ = d.slugs(v, "synonyms", maxItems) }},
	{"aliases", false, func(d *decoder, v *front.Value, t *Tag) { t.Aliases, t.AliasAt = d.aliases(v) }},
}

// ParseTag parses a tag description.
func ParseTag(file string, src []byte) (*Tag, diag.List) {
	v, d, _ := parse(file, src, "tag", tagFields, func(d *decoder, f *front.File) *Tag {
		return &Tag{File: file, Name: d.fileName(file, "tag"), Body: bytes.Clone(f.Body), BodyLine: f.BodyLine}
	})
	return v, d.errs
}

// A Page is a plain page such as about or how to contribute (content/<name>.md).
type Page struct {
	File      string
	Name      string
	Title     string
	Summary   string
	Aliases   []string
	AliasesAt []Pos
	Draft     bool
	Body      []byte
	BodyLine  int
}

var pageFields = []field[Page]{
	{"title", true, func(d *decoder, v *front.Value, p *Page) { p.Title = d.str(v, "title", maxLine) }},
	{"summary", false, func(d *decoder, v *front.Value, p *Page) { p.Summary = d.str(v, "summary", maxText) }},
	{"aliases", false, func(d *decoder, v *front.Value, p *Page) { p.Aliases, p.AliasesAt = d.aliases(v) }},
	{"draft", false, func(d *decoder, v *front.Value, p *Page) { p.Draft = d.boolean(v, "draft") }},
}

// ParsePage parses a plain page.
func ParsePage(file string, src []byte) (*Page, diag.List) {
	v, d, _ := parse(file, src, "page", pageFields, func(d *decoder, f *front.File) *Page {
		return &Page{File: file, Name: d.fileName(file, "page"), Body: bytes.Clone(f.Body), BodyLine: f.BodyLine}
	})
	return v, d.errs
}

// Settings are the site's settings, from the front matter of content/_index.md;
// its body is the home page's introduction.
type Settings struct {
	File        string
	Title       string
	Description string
	BaseURL     string
	RepoURL     string
	Branch      string
	Visibility  string   // Internal (the default) or Public
	Sensitive   []string // terms that must never be published
	Allow       []string // values and email domains the sensitive-data check accepts
	Body        []byte
	BodyLine    int
}

// Visibilities: an internal library is never indexed by search engines.
const (
	Internal = "internal"
	Public   = "public"
)

// maxSettingsList is how many terms the settings' sensitive and allow lists
// may each hold.
const maxSettingsList = 1000

// Visibilities are the values of the settings' visibility, the default first.
var Visibilities = []string{Internal, Public}

var settingsFields = []field[Settings]{
	{"title", true, func(d *decoder, v *front.Value, s *Settings) { s.Title = d.str(v, "title", maxLine) }},
	{"description", false, func(d *decoder, v *front.Value, s *Settings) { s.Description = d.str(v, "description", maxText) }},
	{"base_url", false, func(d *decoder, v *front.Value, s *Settings) { s.BaseURL = d.absURL(v, "base_url") }},
	{"repo_url", false, func(d *decoder, v *front.Value, s *Settings) {
		s.RepoURL = strings.TrimSuffix(d.absURL(v, "repo_url"), "/")
	}},
	{"branch", false, func(d *decoder, v *front.Value, s *Settings) { s.Branch = d.str(v, "branch", maxLine) }},
	{"visibility", false, func(d *decoder, v *front.Value, s *Settings) {
		s.Visibility = d.oneOf(v, "visibility", Visibilities)
	}},
	{"sensitive", false, func(d *decoder, v *front.Value, s *Settings) {
		s.Sensitive, _ = d.strs(v, "sensitive", maxLine, maxSettingsList)
	}},
	{"allow", false, func(d *decoder, v *front.Value, s *Settings) {
		s.Allow, _ = d.strs(v, "allow", maxLine, maxSettingsList)
	}},
}

// ParseSettings parses content/_index.md.
func ParseSettings(file string, src []byte) (*Settings, diag.List) {
	s, d, _ := parse(file, src, "site settings", settingsFields, func(d *decoder, f *front.File) *Settings {
		return &Settings{File: file, Body: bytes.Clone(f.Body), BodyLine: f.BodyLine}
	})
	if s != nil && s.Branch == "" {
		s.Branch = "main"
	}
	if s != nil && s.Visibility == "" {
		s.Visibility = Internal
	}
	return s, d.errs
}

// DefaultSettings are used when a library has no content/_index.md.
func DefaultSettings() *Settings {
	return &Settings{Title: "Oops library", Branch: "main", Visibility: Internal}
}

func (d *decoder) absURL(v *front.Value, name string) string {
	s := d.str(v, name, maxURL)
	if s == "" {
		return ""
	}
	if u, err := url.Parse(s); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.errorf(at(v), "%s %q must be an absolute http(s) URL, like https://oops.example.com/", name, s)
		return ""
	}
	return s
}

// fileName is the name a page, path or tag takes from its file name.
func (d *decoder) fileName(file, kind string) string {
	name := strings.TrimSuffix(path.Base(file), ".md")
	if !ValidSlug(name) {
		hint := ""
		if s := Slugify(name); s != "" {
			hint = ": rename it " + s + ".md"
		}
		d.errorf(Pos{1, 1}, "%s file name %q must be lowercase letters, digits and single hyphens%s", kind, path.Base(file), hint)
	}
	return name
}
