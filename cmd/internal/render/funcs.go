package render

import (
	"bytes"
	"html/template"
	"net/url"
	"strings"
	"sync"
	"time"

	"oops/cmd/internal/follow"
	"oops/cmd/internal/insights"
	"oops/cmd/internal/scaffold"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// NoIndex reports whether search engines are asked to leave the page out:
// on a deploy preview, and on an internal library (the default).
func (p *Page) NoIndex() bool {
	return p.Preview || p.Settings == nil || p.Settings.Visibility != story.Public
}

// A Page is what a layout is executed with.
type Page struct {
	Kind        string
	Title       string // the page's own title; empty on the home page
	Description string
	URL         string // path from the site root: "/stories/x/"
	Canonical   string // the page's absolute URL; without a base URL, its path
	Site        *site.Site
	Settings    *story.Settings
	Preview     bool
	Body        template.HTML // rendered Markdown of the story, page, path, tag or home intro
	HasCode     bool          // Body holds highlighted code
	Story       *site.Story
	Trails      []Trail // reading paths the story is on
	Stories     []*site.Story
	Tags        []*site.Tag
	Tag         *site.Tag
	Path        *site.Path
	Paths       []*site.Path
	Plain       *site.Page
	Pager       *Pager
	Lessons     []Lesson // of the story, or of the stories of a page of /lessons/
	Changes     []Change // of the story, or of the stories of a page of /changes/
	Groups      []Group  // the lessons of a page of /lessons/, by story
	SearchIndex string

	Rollup   string          // how far the story's changes have got
	Follow   string          // the home page's line on the follow-through
	Board    *Board          // a page of the follow-through board
	Owners   []*follow.Owner // on /changes/owners/
	Insights *insights.Insights
	Feed     *Feed // the page's own Atom feed, beside the site's
}

// A Feed is an Atom feed a page announces and links.
type Feed struct {
	URL   string // path from the site root: "/tags/x/feed.xml"
	Title string
}

// A Pager links a page of a long list to its neighbours. It says nothing
// of the list as a whole, so that a page changes only when its own
// stories or neighbours do.
type Pager struct {
	First          string    // URL of the first page
	Prev, Next     string    // URLs of the newer and the older page; empty at the ends
	Newest, Oldest time.Time // dates of the page's first and last stories
	Label          string    // where the page stands, when not by dates: "Page 2 of 5"
}

// A Trail places a story on a reading path.
type Trail struct {
	Path       *site.Path
	Number     int // 1-based
	Prev, Next *site.Story
}

// A Lesson is one lesson of one story, for the story's page and /lessons/.
type Lesson struct {
	Story  *site.Story
	Number int    // 1-based position in the story
	Anchor string // its id on the story's page: pinned, else lesson-N
	Text   string
	URL    string // the lesson's place in its story, under the base URL's path
}

// A Change is one follow-up change of one story, for the story's page
// and /changes/. Its fields are its own, not those of an embedded
// story.Change: html/template looks up a field of an embedded struct with
// a slow search, every time.
type Change struct {
	Story              *site.Story
	What, Status, Link string
	Label              string // the status as a reader reads it: "In progress"
	StoryURL           string // the story's list of changes, under the base URL's path
	From               bool   // the item names the story it came from

	Owner    string
	OwnerURL string // the owner's page on the board
	Due      time.Time
	Done     time.Time
	Overdue  int  // days past due; 0 when not overdue
	HasDue   bool // Due is set
	HasDone  bool // Done is set
	Detail   bool // any of Owner, Due, Overdue or Done is there to show
}

// A Group is one story's lessons, as a page of /lessons/ lists them:
// under the story, named once however many it has.
type Group struct {
	Story   *site.Story
	URL     string // the story's lessons, under the base URL's path
	Lessons []Lesson
}

// funcStubs declares the layout functions for parsing; each renderer binds
// its own (funcs) before executing.
var funcStubs = template.FuncMap{
	"url": strID, "abs": strID, "asset": strID, "edit": strID, "propose": func() string { return "" },
	"link": strID, "date": fmtDate, "isodate": isoDate, "status": statusLabel, "add": add,
	"plural": plural, "join": strings.Join, "first": first, "more": more,
	"imports":  func(string) []string { return nil },
	"chrome":   func(string, *Page) template.HTML { return "" },
	"taglink":  func(*site.Tag) template.HTML { return "" },
	"card":     func(*site.Story) template.HTML { return "" },
	"card3":    func(*site.Story) template.HTML { return "" },
	"cardbody": func(*site.Story) template.HTML { return "" },
	"cards":    func([]*site.Story) template.HTML { return "" },
	"cards3":   func([]*site.Story) template.HTML { return "" },
	"changes":  func([]Change) template.HTML { return "" },
	"rollup":   func(*site.Story) string { return "" },
}

func strID(s string) string { return s }

// first returns at most the first n tags: a card shows a few of a story's
// tags, so that a story with thousands of them does not make every list it
// is in that long.
func first(n int, tags []*site.Tag) []*site.Tag { return tags[:min(n, len(tags))] }

// more returns how many tags there are past the first n.
func more(n int, tags []*site.Tag) int { return max(0, len(tags)-n) }

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"url":      r.url,
		"abs":      r.abs,
		"asset":    func(name string) string { return r.url(r.Assets.URL(name)) },
		"imports":  r.Assets.Imports,
		"edit":     r.editURL,
		"propose":  r.proposeURL,
		"link":     r.link,
		"chrome":   r.chrome,
		"taglink":  r.tagLink,
		"card":     func(st *site.Story) (template.HTML, error) { return r.card(st, 0) },
		"card3":    func(st *site.Story) (template.HTML, error) { return r.card(st, 1) },
		"cardbody": func(st *site.Story) (template.HTML, error) { return r.card(st, 2) },
		"cards":    func(sts []*site.Story) (template.HTML, error) { return r.cards(sts, 0) },
		"cards3":   func(sts []*site.Story) (template.HTML, error) { return r.cards(sts, 1) },
		"changes":  r.changeList,
		"rollup":   r.rollup,
	}
}

// url returns the link to a path of the site, under the base URL's path.
func (r *Renderer) url(p string) string {
	return r.basePath + strings.TrimPrefix(p, "/")
}

// cardTemplates are the partials that show a story in a list, as an h2 or
// an h3, and what both show below the title.
var cardTemplates = [3]string{"card", "card3", "cardbody"}

// card returns a story's card, or its body, rendered once: a story appears
// in many lists (all stories, each of its tags, others' related stories),
// and its card changes only with its front matter.
func (r *Renderer) card(st *site.Story, variant int) (template.HTML, error) {
	key := pieceKey{meta: st.MetaHash, slug: st.Slug, kind: variant}
	if c, ok := r.cardCache.get(key); ok {
		return template.HTML(c), nil
	}
	b := cardBuffers.Get().(*bytes.Buffer)
	defer cardBuffers.Put(b)
	b.Reset()
	if r.direct["card"] {
		if err := r.directCard(b, st, variant); err != nil {
			return "", err
		}
	} else if err := r.tmpl["stories"].ExecuteTemplate(b, cardTemplates[variant], st); err != nil {
		return "", err
	}
	c := b.String()
	r.cardCache.put(key, c)
	return template.HTML(c), nil
}

// cards returns the cards of stories, one after another: a list of
// cards costs a page one call of a layout function, not two a story.
func (r *Renderer) cards(sts []*site.Story, variant int) (template.HTML, error) {
	b := cardBuffers.Get().(*bytes.Buffer)
	defer cardBuffers.Put(b)
	b.Reset()
	if err := r.writeCards(b, sts, variant); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// writeCards writes the cards of stories into b, one after another.
func (r *Renderer) writeCards(b *bytes.Buffer, sts []*site.Story, variant int) error {
	for _, st := range sts {
		c, err := r.card(st, variant)
		if err != nil {
			return err
		}
		b.WriteString(string(c))
	}
	return nil
}

// cardBuffers are what cards are rendered into: a card, kept for the rest
// of the build, is then copied out once at its own size, rather than grown
// a step at a time and kept with room to spare.
var cardBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// chrome returns a part of the frame of a kind of page (the links of its
// head, its header or its footer), rendered once for the kind and for
// whether the page has code.
func (r *Renderer) chrome(name string, p *Page) (template.HTML, error) {
	key := name + " " + p.Kind
	if p.HasCode {
		key += " code"
	}
	return r.once(&r.chromes, key, p.Kind, name, p)
}

// tagLink returns the link to a tag's page, rendered once: every list of
// a story's tags shows it.
func (r *Renderer) tagLink(t *site.Tag) (template.HTML, error) {
	return r.once(&r.tagLinks, t.Name, "tag", "taglink", t)
}

// once executes the partial name of the layouts of kind with data the
// first time it is asked for key, and keeps the result in m.
func (r *Renderer) once(m *sync.Map, key, kind, name string, data any) (template.HTML, error) {
	if c, ok := m.Load(key); ok {
		return c.(template.HTML), nil
	}
	var b strings.Builder
	if err := r.tmpl[kind].ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	c := template.HTML(b.String())
	m.Store(key, c)
	return c, nil
}

// link returns the href of a link from front matter: a path on the site
// goes under the base URL's path, an http(s) URL stays as it is.
func (r *Renderer) link(u string) string {
	if strings.HasPrefix(u, "/") {
		return r.url(u)
	}
	return u
}

// abs returns the absolute URL of a path, or the link if the base URL is unknown.
func (r *Renderer) abs(p string) string {
	if r.BaseURL == "" {
		return r.url(p)
	}
	return r.BaseURL + strings.TrimPrefix(p, "/")
}

// editURL links a source file to the forge's editor.
func (r *Renderer) editURL(file string) string {
	s := r.Site.Settings
	if s.RepoURL == "" {
		return ""
	}
	return s.RepoURL + "/edit/" + s.Branch + "/" + escapePath(file)
}

// proposeURL opens the forge's editor on a new story, filled with the template.
func (r *Renderer) proposeURL() string {
	s := r.Site.Settings
	if s.RepoURL == "" {
		return ""
	}
	q := url.Values{}
	q.Set("filename", "your-story-title.md")
	q.Set("value", string(scaffold.Template(scaffold.Placeholder)))
	return s.RepoURL + "/new/" + s.Branch + "/content/stories?" + q.Encode()
}

func escapePath(p string) string {
	parts := strings.Split(p, "/")
	for i, s := range parts {
		parts[i] = url.PathEscape(s)
	}
	return strings.Join(parts, "/")
}

func fmtDate(t time.Time) string { return t.Format("2 January 2006") }
func isoDate(t time.Time) string { return t.Format(time.DateOnly) }
func add(a, b int) int           { return a + b }

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func statusLabel(s string) string {
	switch s {
	case "in-progress":
		return "In progress"
	case "":
		return ""
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
