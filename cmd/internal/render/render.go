// Package render turns a site into the files of its web site: HTML pages
// from the html/template layouts in layouts/, and the Atom feeds (the
// site's, each tag's, each reading path's and the changes done), sitemap,
// robots.txt, the urls.txt and anchors.txt manifests and Netlify
// _redirects written in Go.
//
// Rendering is a list of jobs (Jobs), one per output file, each with a
// signature: a hash of everything its output depends on. A full build runs
// every job; a rebuild runs only those whose signature changed. Jobs share
// nothing while they run, so they run in parallel.
//
// Layouts are base.html (the page frame, defining "base"), chrome.html
// (the links of its head, its header and its footer), partials.html
// (shared pieces) and one file per kind of page, each defining "main":
// home, stories, story, tags, tag, lessons, changes (the follow-through
// board, its views and each owner's page), owners, insights, paths, path,
// page, search and 404. A layout error is reported at its file, line and column.
//
// The story pages and the cards of stories are the bulk of a large
// library's pages. While a site uses the default layouts for them, the
// renderer writes those in Go (direct.go), byte for byte as the layouts
// would.
package render

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"html/template"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/follow"
	"oops/cmd/internal/site"
)

// Kinds lists the page layouts, each in layouts/<kind>.html.
var Kinds = []string{"home", "stories", "story", "tags", "tag", "lessons", "changes", "owners", "insights", "paths", "path", "page", "search", "404"}

// Options set how pages are rendered.
type Options struct {
	BaseURL string // overrides the site's base_url
	Preview bool   // a deploy preview: noindex, and a banner saying so

	// BasicAuth, if not empty, is Netlify's Basic-Auth value for every
	// path: "user:password", several separated by spaces. It comes from
	// the build's environment, never from a file of the library.
	BasicAuth string

	// Today is the day changes are overdue from, and the date pages say
	// they are "as of" (see follow.Today).
	Today time.Time
}

// A Renderer renders the pages of one site.
type Renderer struct {
	Site    *site.Site
	Source  fs.FS // the source folder, to read story bodies from
	Assets  *Assets
	BaseURL string // absolute, ending in "/"; "" if unknown
	Preview bool
	Today   time.Time // see Options

	basicAuth string

	// SearchIndex is the URL of the search index's root file, given to the
	// search page; set it before rendering that page.
	SearchIndex string

	// OnStory, if set, is called with the plain text of each story's body
	// as its page is rendered.
	OnStory func(st *site.Story, text []byte)

	basePath  string
	scratch   sig      // the signature being computed by Jobs
	cardCache *pieces  // shared by the renderers of one set of templates
	whole     *pieces  // see Templates.Remember; nil for a single build
	chromes   sync.Map // "header story" → template.HTML
	tagLinks  sync.Map // tag name → template.HTML
	tmpl      map[string]*template.Template
	tmplHash  map[string]uint64
	direct    map[string]bool // what is written in Go: see directLayouts
	boardOnce sync.Once
	follow    *follow.Board // the follow-through board, once worked out
	global    uint64        // hash of what every page depends on
}

// Templates are the parsed layouts, shared by the renderers of successive
// builds while the layouts do not change.
type Templates struct {
	tmpl map[string]*template.Template
	hash map[string]uint64

	// cards keeps stories' cards from one renderer to the next, for as
	// long as what else they depend on (the site's settings, base URL and
	// assets: a renderer's global hash) stays the same.
	cards      *pieces
	cardGlobal uint64

	// whole keeps, once Remember is called, what the files of the whole
	// library say of each story, for the next renderer under the same
	// global hash; nil otherwise.
	whole *pieces

	// direct says what direct.go writes in Go, the layouts for it being
	// the defaults.
	direct map[string]bool
}

// Remember makes the renderers of t keep each story's lines of
// anchors.txt and its object in /api/stories.json for the next one, as
// the builds of oops serve follow each other: a build that adds or edits
// a story then writes those files without working out every other
// story's part of them again. A single build has no next, and keeps none.
func (t *Templates) Remember() {
	if t.whole == nil {
		t.whole = newWhole()
	}
}

// newWhole returns the pieces of the whole-library files. Full, it keeps
// what it has: a library past its bound would otherwise start it afresh
// in every build and never find a piece a build before it kept.
func newWhole() *pieces { return &pieces{max: maxWholeBytes, full: true} }

// Bounds on the pieces kept: about 25,000 cards, and the anchors and
// objects of about 40,000 stories.
const (
	maxCardBytes  = 32 << 20
	maxWholeBytes = 64 << 20
)

// pieces keeps rendered pieces of stories, up to max bytes; past that it
// starts afresh, or, if full is set, keeps what it has and takes no more.
// A piece is a pure function of its key, so forgetting one costs only its
// rendering again, and neither a library of 100,000 stories nor a long
// session of edits under oops serve (each a new key) makes it grow
// without end. A nil *pieces keeps nothing.
type pieces struct {
	mu    sync.Mutex
	m     map[pieceKey]string
	bytes int
	max   int
	full  bool
}

func (c *pieces) get(k pieceKey) (string, bool) {
	if c == nil {
		return "", false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	h, ok := c.m[k]
	return h, ok
}

func (c *pieces) put(k pieceKey, h string) {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || c.bytes+len(h) > c.max {
		if c.full && c.m != nil {
			return
		}
		c.m, c.bytes = map[pieceKey]string{}, 0
	}
	if _, ok := c.m[k]; !ok {
		c.bytes += len(h)
	}
	c.m[k] = h
}

// A pieceKey names a piece of a story: what kind, and all it depends on
// besides the renderer's global hash.
type pieceKey struct {
	meta uint64 // the story's MetaHash
	slug string // which two files with the same front matter differ by
	kind int    // a variant of its card (cardTemplates), anchorsPiece or exportPiece
	with uint64 // a hash of what else it shows: for exportPiece, its related stories
}

// Kinds of piece besides the variants of a card.
const (
	anchorsPiece = len(cardTemplates) + iota
	exportPiece
)

// ParseTemplates parses the layouts in fsys (whose root holds the .html files).
func ParseTemplates(fsys fs.FS) (*Templates, error) {
	t := &Templates{tmpl: map[string]*template.Template{}, hash: map[string]uint64{}}
	// chrome.html comes first, so that a site's own base.html that still
	// defines the header, footer or links of the head overrides it.
	shared := []string{"chrome.html", "base.html", "partials.html"}
	srcs, readErrs := readLayouts(fsys, shared)
	t.direct = directLayouts(srcs)
	var errs diag.List
	for _, kind := range Kinds {
		files := append(slices.Clip(shared), kind+".html")
		tm := template.New(kind).Funcs(funcStubs)
		h := fnv.New64a()
		for _, f := range files {
			if err := readErrs[f]; err != nil {
				errs.Errorf("layouts/"+f, 0, 0, "cannot read layout: %v", err)
				continue
			}
			h.Write(srcs[f])
			if _, err := tm.New(f).Parse(string(srcs[f])); err != nil {
				errs.Add(templateError(err, "layouts/"+f))
			}
		}
		t.tmpl[kind], t.hash[kind] = tm, h.Sum64()
	}
	errs.Sort()
	if err := errs.Err(); err != nil {
		return nil, err
	}
	return t, nil
}

// readLayouts reads the shared layouts and that of each kind of page
// once, by file name, and says which could not be read.
func readLayouts(fsys fs.FS, shared []string) (map[string][]byte, map[string]error) {
	srcs, errs := map[string][]byte{}, map[string]error{}
	names := slices.Clone(shared)
	for _, kind := range Kinds {
		names = append(names, kind+".html")
	}
	for _, f := range names {
		src, err := fs.ReadFile(fsys, f)
		if err != nil {
			errs[f] = err
			continue
		}
		srcs[f] = src
	}
	return srcs, errs
}

// New returns a renderer for s with the parsed layouts and the site's assets.
func New(s *site.Site, source fs.FS, t *Templates, assets *Assets, opt Options) *Renderer {
	r := &Renderer{Site: s, Source: source, Assets: assets, Preview: opt.Preview, basicAuth: opt.BasicAuth, Today: follow.Day(opt.Today)}
	r.BaseURL = opt.BaseURL
	if r.BaseURL == "" {
		r.BaseURL = s.Settings.BaseURL
	}
	if r.BaseURL != "" && !strings.HasSuffix(r.BaseURL, "/") {
		r.BaseURL += "/"
	}
	r.basePath = "/"
	if u, err := url.Parse(r.BaseURL); err == nil && u.Path != "" {
		r.basePath = u.Path
	}
	r.tmpl = map[string]*template.Template{}
	r.tmplHash = t.hash
	r.direct = t.direct
	funcs := r.funcs()
	for kind, tm := range t.tmpl {
		c := template.Must(tm.Clone())
		r.tmpl[kind] = c.Funcs(funcs)
	}
	r.global = r.globalHash()
	if t.cards == nil || t.cardGlobal != r.global {
		t.cards, t.cardGlobal = &pieces{max: maxCardBytes}, r.global
		if t.whole != nil {
			t.whole = newWhole()
		}
	}
	r.cardCache, r.whole = t.cards, t.whole
	return r
}

func (r *Renderer) globalHash() uint64 {
	h := fnv.New64a()
	st := r.Site.Settings
	fmt.Fprintf(h, "%s\x00%s\x00%s\x00%s\x00%s\x00%v\x00%s\x00%s\x00", st.Title, st.Description, st.RepoURL, st.Branch, r.BaseURL, r.Preview, st.Visibility, isoDate(r.Today))
	h.Write(st.Body)
	for _, p := range r.Site.Pages {
		fmt.Fprintf(h, "%s\x00%s\x00", p.Name, p.Title)
	}
	for _, p := range r.Site.Paths {
		fmt.Fprintf(h, "%s\x00%s\x00", p.Name, p.Title)
	}
	h.Write([]byte(r.Assets.Fingerprint()))
	return h.Sum64()
}

// execute runs the layout of kind with data into buf.
func (r *Renderer) execute(buf *bytes.Buffer, kind string, data *Page) error {
	data.Canonical = r.abs(data.URL)
	if kind == "story" && r.direct["story"] {
		return r.storyPage(buf, data)
	}
	if err := r.tmpl[kind].ExecuteTemplate(buf, "base", data); err != nil {
		return templateError(err, "layouts/"+kind+".html")
	}
	return nil
}

var tmplPos = regexp.MustCompile(`template: ([^:]+):(\d+)(?::(\d+))?: (.*)`)

// templateError turns an html/template error into a diagnostic at the
// layout's file, line and column.
func templateError(err error, file string) *diag.Diagnostic {
	msg := err.Error()
	if m := tmplPos.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if strings.HasSuffix(m[1], ".html") {
			file = "layouts/" + path.Base(m[1])
		}
		return diag.Errorf(file, line, col, "layout: %s", m[4])
	}
	return diag.Errorf(file, 0, 0, "layout: %s", strings.TrimPrefix(msg, "template: "))
}
