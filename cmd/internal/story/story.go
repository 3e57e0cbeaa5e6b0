// Package story turns the files of an oops library into validated values:
// stories, reading paths, tag descriptions, plain pages and site settings.
//
// It knows every front-matter field and rule of the story format:
//
//	title     required  text: the headline
//	date      required  YYYY-MM-DD: when it happened, from 1900 to 2099
//	summary   required  text: one or two sentences
//	tags      required  list of a-z0-9- words, at least one
//	authors             list of text
//	severity            low, medium, high or critical
//	impact              text: what it cost
//	duration            text: how long it lasted
//	lessons             list of one-line takeaways: each text, or {text,
//	                    anchor} to pin the anchor it keeps when lessons are
//	                    reordered (lesson- and a-z0-9- words); else a
//	                    lesson's anchor is lesson-N by position. Anchors
//	                    are unique within a story.
//	changes             list of text (done), or of {what, status, owner,
//	                    due, done, link} with status done, in-progress,
//	                    planned or dropped; owner the team or person who
//	                    carries it; due and done YYYY-MM-DD (done only with
//	                    status done, and not before the story's date)
//	related             list of story slugs
//	aliases             list of URL paths that redirect to the story
//	slug                a-z0-9- word; else the file name without .md and
//	                    without a leading YYYY-MM-DD-
//	draft               true or false: built only with -drafts
//
// Text fields and lists have size limits (maxLine and the others beside
// it), far above what a real story holds.
//
// Every problem is reported at the line and column of the file where it
// stands, and all problems of a file are reported together. Rules that need
// the whole library (slugs that must exist, duplicates) are the site
// package's.
package story

import (
	"fmt"
	"hash/maphash"
	"net/url"
	"path"
	"regexp"
	"strings"
	"time"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/front"
)

// A Story is one account of a mistake.
type Story struct {
	File     string // slash path relative to the source folder
	Slug     string
	Title    string
	Date     time.Time
	Summary  string
	Tags     []string
	Authors  []string
	Severity string
	Impact   string
	Duration string
	Lessons  []string // the text of each lesson
	Anchors  []string // the anchor of each lesson: pinned, else lesson-N
	Changes  []Change
	Related  []string
	Aliases  []string
	Draft    bool

	BodyLine  int    // line of the file on which the Markdown body starts
	Hash      uint64 // of the file's bytes: equal hashes, equal stories
	MetaHash  uint64 // of the front matter alone: equal hashes, equal fields
	SlugAt    Pos    // where the slug was set (line 1 when it comes from the file name)
	RelatedAt []Pos
	LessonsAt []Pos
	AliasesAt []Pos

	bodyAt int // where the body starts: the length of the front matter block
}

// A Change is a follow-up action and how far it has got.
type Change struct {
	What   string
	Status string // done, in-progress, planned or dropped
	Owner  string // the team or person who carries it; "" if nobody is named
	Due    time.Time
	Done   time.Time // when it was done; zero when not given
	Link   string
	At     Pos // where the change is given in its file
	DoneAt Pos // where its done date is given
}

// Open reports whether the change is still to be made: planned or in progress.
func (c *Change) Open() bool { return c.Status == "planned" || c.Status == "in-progress" }

// Statuses lists the statuses of a change in the order pages show them.
var Statuses = []string{"done", "in-progress", "planned", "dropped"}

// Severities lists the severities from least to most severe.
var Severities = []string{"low", "medium", "high", "critical"}

var storyFields = []field[Story]{
	{"title", true, func(d *decoder, v *front.Value, s *Story) { s.Title = d.str(v, "title", maxLine) }},
	{"date", true, func(d *decoder, v *front.Value, s *Story) { s.Date = d.date(v, "date") }},
	{"summary", true, func(d *decoder, v *front.Value, s *Story) { s.Summary = d.summary(v) }},
	{"tags", true, func(d *decoder, v *front.Value, s *Story) { s.Tags = d.tags(v) }},
	{"authors", false, func(d *decoder, v *front.Value, s *Story) { s.Authors, _ = d.strs(v, "authors", maxLine, maxItems) }},
	{"severity", false, func(d *decoder, v *front.Value, s *Story) { s.Severity = d.oneOf(v, "severity", Severities) }},
	{"impact", false, func(d *decoder, v *front.Value, s *Story) { s.Impact = d.str(v, "impact", maxText) }},
	{"duration", false, func(d *decoder, v *front.Value, s *Story) { s.Duration = d.str(v, "duration", maxLine) }},
	{"lessons", false, func(d *decoder, v *front.Value, s *Story) { d.lessons(v, s) }},
	{"changes", false, func(d *decoder, v *front.Value, s *Story) { s.Changes = d.changes(v) }},
	{"related", false, func(d *decoder, v *front.Value, s *Story) {
		s.Related, s.RelatedAt = d.uniqueSlugs(v, "related", maxItems)
	}},
	{"aliases", false, func(d *decoder, v *front.Value, s *Story) { s.Aliases, s.AliasesAt = d.aliases(v) }},
	{"slug", false, func(d *decoder, v *front.Value, s *Story) {
		if slug := d.slug(v, "slug"); slug != "" {
			s.Slug, s.SlugAt = slug, at(v)
		}
	}},
	{"draft", false, func(d *decoder, v *front.Value, s *Story) { s.Draft = d.boolean(v, "draft") }},
}

// Parse parses and validates the story in src, read from file (a slash path
// relative to the source folder). It returns the story, which is nil when
// the file could not be read as a story at all, and every problem found.
func Parse(file string, src []byte) (*Story, diag.List) {
	s, d, f := parse(file, src, "story", storyFields, func(d *decoder, f *front.File) *Story {
		return &Story{File: file, BodyLine: f.BodyLine, Hash: Hash(src), MetaHash: Hash(f.Head), bodyAt: len(f.Head)}
	})
	if s != nil && s.Slug == "" {
		s.Slug, s.SlugAt = d.fileSlug(file), Pos{f.MetaLine, 1}
	}
	if s != nil {
		d.doneDates(s)
	}
	return s, d.errs
}

// Body returns the body of src, the story's file read again, and the line
// it starts on. When src is the file Parse read, it is cut where Parse found
// the body; otherwise its front matter is found again.
func (s *Story) Body(src []byte) (body []byte, line int, err error) {
	if s.bodyAt > 0 && Hash(src) == s.Hash {
		return front.BodyAt(src, s.bodyAt), s.BodyLine, nil
	}
	return front.Body(src)
}

// seed is this process's hash seed: hashes are compared within one run
// of the program, never stored.
var seed = maphash.MakeSeed()

// Hash returns the hash the site uses to tell whether a file changed.
func Hash(src []byte) uint64 { return maphash.Bytes(seed, src) }

func (d *decoder) fileError(err error) {
	if e, ok := err.(*front.Error); ok {
		d.errorf(Pos{e.Line, e.Col}, "%s", e.Msg)
		return
	}
	d.errorf(Pos{1, 1}, "%v", err)
}

var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// fileSlug derives a slug from a file name: without .md, without a leading
// date, folded to a-z0-9-.
func (d *decoder) fileSlug(file string) string {
	name := strings.TrimSuffix(path.Base(file), ".md")
	name = datePrefix.ReplaceAllString(name, "")
	slug := Slugify(name)
	if slug == "" {
		d.errorf(Pos{1, 1}, "file name %q gives no slug: rename the file with a-z0-9- words or set slug:", path.Base(file))
	}
	return slug
}

// date decodes a value that must be a date, naming what it is in errors.
func (d *decoder) date(v *front.Value, name string) time.Time {
	if v.Kind != front.Scalar {
		d.errorf(at(v), "%s must be YYYY-MM-DD, not %s", name, v.Kind)
		return time.Time{}
	}
	t, err := time.Parse(time.DateOnly, strings.TrimSpace(v.Text))
	switch {
	case err != nil:
		d.errorf(at(v), "%s %.40q must be a calendar date written YYYY-MM-DD, like 2024-03-15", name, v.Text)
	case t.Year() < minYear || t.Year() > maxYear:
		d.errorf(at(v), "%s %s is not one a story can have: the year must be from %d to %d", name, t.Format(time.DateOnly), minYear, maxYear)
		return time.Time{}
	}
	return t
}

// The years a story's date may fall in: a date outside them is a typing
// mistake, such as 0000 or 2204.
const minYear, maxYear = 1900, 2099

func (d *decoder) summary(v *front.Value) string {
	s := d.str(v, "summary", maxText)
	if n := len([]rune(s)); n > 400 {
		d.warnf(at(v), "summary is %d characters long: lists and link previews show it whole; keep it to one or two sentences", n)
	}
	return s
}

func (d *decoder) tags(v *front.Value) []string {
	tags, pos := d.slugs(v, "tags", maxItems)
	if v.Kind == front.List && len(v.Items) == 0 {
		d.errorf(at(v), "tags is empty: give at least one tag, like tags: [deploys]")
	}
	seen := map[string]bool{}
	out := tags[:0]
	for i, t := range tags {
		if seen[t] {
			d.warnf(pos[i], "tag %q is listed twice", t)
			continue
		}
		seen[t] = true
		out = append(out, t)
	}
	return out
}

func (d *decoder) oneOf(v *front.Value, name string, allowed []string) string {
	s := d.str(v, name, maxLine)
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	if s != "" {
		d.errorf(at(v), "%s %q must be one of %s", name, s, strings.Join(allowed, ", "))
	}
	return ""
}

var changeFields = []field[Change]{
	{"what", true, func(d *decoder, v *front.Value, c *Change) { c.What = d.str(v, "what", maxLine) }},
	{"status", true, func(d *decoder, v *front.Value, c *Change) { c.Status = d.oneOf(v, "status", Statuses) }},
	{"owner", false, func(d *decoder, v *front.Value, c *Change) { c.Owner = d.str(v, "owner", maxLine) }},
	{"due", false, func(d *decoder, v *front.Value, c *Change) { c.Due = d.date(v, "due") }},
	{"done", false, func(d *decoder, v *front.Value, c *Change) { c.Done, c.DoneAt = d.date(v, "done"), at(v) }},
	{"link", false, func(d *decoder, v *front.Value, c *Change) { c.Link = d.link(v) }},
}

func (d *decoder) changes(v *front.Value) []Change {
	if v.Kind != front.List {
		d.errorf(at(v), "changes must be a list: each item text (a change that is done) or {what, status, owner, due, done, link}")
		return nil
	}
	var out []Change
	for _, it := range d.atMost(v, "changes", maxItems) {
		switch it.Kind {
		case front.Map:
			c := Change{At: at(it)}
			decodeFields(d, it, it.Line, "change", changeFields, &c)
			if !c.Done.IsZero() && c.Status != "done" && c.Status != "" {
				d.errorf(c.DoneAt, "done is the date a change was done, and this one is %s: set status: done, or remove done", c.Status)
				c.Done = time.Time{}
			}
			if c.What != "" {
				out = append(out, c)
			}
		default:
			if s := d.str(it, "each change", maxLine); s != "" {
				out = append(out, Change{What: s, Status: "done", At: at(it)})
			}
		}
	}
	return out
}

// doneDates holds the done dates of a story's changes to the story's
// date: a change is made after the mistake.
func (d *decoder) doneDates(s *Story) {
	if s.Date.IsZero() {
		return
	}
	for i := range s.Changes {
		c := &s.Changes[i]
		if !c.Done.IsZero() && c.Done.Before(s.Date) {
			d.errorf(c.DoneAt, "done %s is before the story's date %s: a change is done after the story", c.Done.Format(time.DateOnly), s.Date.Format(time.DateOnly))
			c.Done = time.Time{}
		}
	}
}

// link accepts an http(s) URL or a path on the site.
func (d *decoder) link(v *front.Value) string {
	s := d.str(v, "link", maxURL)
	if s == "" {
		return ""
	}
	u, err := url.Parse(s)
	switch {
	case err != nil:
		d.errorf(at(v), "link %q is not a URL: %v", s, err)
	case u.Scheme == "http" || u.Scheme == "https":
		return s
	case u.Scheme == "" && strings.HasPrefix(s, "/") && !strings.HasPrefix(s, "//"):
		return s
	default:
		d.errorf(at(v), "link %q must be an http(s) URL or a path on this site starting with /", s)
	}
	return ""
}

func (d *decoder) aliases(v *front.Value) ([]string, []Pos) {
	items, pos := d.strs(v, "aliases", maxURL, maxItems)
	var out []string
	var outPos []Pos
	for i, a := range items {
		if msg := checkAlias(a); msg != "" {
			d.errorf(pos[i], "alias %q %s", a, msg)
			continue
		}
		out = append(out, a)
		outPos = append(outPos, pos[i])
	}
	return out, outPos
}

// checkAlias says what is wrong with an alias, or "" if it is a clean URL path.
func checkAlias(a string) string {
	switch {
	case !strings.HasPrefix(a, "/") || strings.HasPrefix(a, "//"):
		return "must be a URL path on this site, starting with a single /, like /old-name/"
	case strings.ContainsAny(a, "?#* \t\\"):
		return "must be a plain path: no spaces, ?, #, * or \\"
	}
	decoded, err := url.PathUnescape(a)
	if err != nil {
		return "has a % that does not start an escape like %20"
	}
	if strings.ContainsFunc(decoded, func(r rune) bool { return r < ' ' || r == 0x7f }) {
		return "must not contain control characters"
	}
	if strings.Contains(decoded, "\\") {
		return "must be a plain path: no \\, even written %5c"
	}
	for _, seg := range strings.Split(decoded, "/") {
		if seg == "." || seg == ".." {
			return "must not contain . or .. segments, even written %2e"
		}
	}
	clean := path.Clean(a)
	if a != clean && a != clean+"/" {
		return fmt.Sprintf("is not a clean path: write %q", clean+"/")
	}
	return ""
}
