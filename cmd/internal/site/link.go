package site

import (
	"cmp"
	"fmt"
	"io/fs"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/story"
)

// Options choose what a site includes.
type Options struct {
	Drafts bool // include stories and pages marked draft

	// Static lists the files the build copies from static/, by slash path
	// ("css/site.css"): no alias may name one.
	Static []string
}

// Load reads, parses and links the library in fsys.
func Load(fsys fs.FS, opt Options) (*Site, diag.List) {
	files, errs := Scan(fsys)
	s, more := Link(files, opt, nil)
	errs.Append(more)
	errs.Sort()
	return s, errs
}

// Link puts parsed files together into a site and checks the rules that
// span files: unique slugs, stories that related and reading paths name,
// aliases that do not clash. It returns the site even when there are errors,
// built from what could be read, so that every error can be reported.
//
// If prev is not nil and no story's tags, date, draft status or related
// field differ from it, related stories are carried over instead of being
// chosen again.
func Link(f *Files, opt Options, prev *Site) (*Site, diag.List) {
	var errs diag.List
	for _, d := range f.Diags {
		errs.Append(d)
	}
	s := &Site{Settings: f.Settings, Drafts: opt.Drafts, drafts: map[string]bool{}, bySlug: map[string]*Story{}, byTag: map[string]*Tag{}}
	if s.Settings == nil {
		s.Settings = story.DefaultSettings()
	}
	s.linkStories(f, &errs)
	s.linkTags(f, &errs)
	s.linkRelated(&errs, prev)
	s.linkPaths(f, &errs)
	s.linkPages(f, &errs)
	s.linkRedirects(&errs, opt.Static)
	return s, errs
}

func (s *Site) linkStories(f *Files, errs *diag.List) {
	// Of stories that share a slug, the one in the first file by name
	// stands and the others are errors, whatever order the map gives.
	first := make(map[string]*story.Story, len(f.Stories))
	for _, st := range f.Stories {
		if cur, ok := first[st.Slug]; !ok || st.File < cur.File {
			first[st.Slug] = st
		}
	}
	type keyed struct {
		day  int64
		slug string
		st   *story.Story
	}
	list := make([]keyed, 0, len(first))
	for _, st := range f.Stories {
		winner := first[st.Slug]
		switch {
		case st.Slug == "":
			// A file name that gives no slug is its file's own error.
		case winner != st:
			errs.Errorf(st.File, st.SlugAt.Line, st.SlugAt.Col,
				"slug %q is also the slug of %s: two stories cannot share a URL; set a different slug: in one of them", st.Slug, winner.File)
		case st.Draft && !s.Drafts:
			s.drafts[st.Slug] = true
		default:
			list = append(list, keyed{st.Date.Unix(), st.Slug, st})
		}
	}
	slices.SortFunc(list, func(a, b keyed) int { return cmp.Or(cmp.Compare(b.day, a.day), strings.Compare(a.slug, b.slug)) })
	s.Stories = make([]*Story, len(list))
	for i, k := range list {
		st := &Story{Story: k.st, URL: StoryURL(k.st.Slug), Index: i}
		s.Stories[i] = st
		s.bySlug[st.Slug] = st
	}
}

func (s *Site) linkTags(f *Files, errs *diag.List) {
	for _, st := range s.Stories {
		for _, name := range st.Story.Tags {
			t := s.byTag[name]
			if t == nil {
				t = &Tag{Name: name}
				s.byTag[name] = t
				s.Tags = append(s.Tags, t)
			}
			t.Stories = append(t.Stories, st)
			st.Tags = append(st.Tags, t)
		}
	}
	sort.Slice(s.Tags, func(i, j int) bool { return s.Tags[i].Name < s.Tags[j].Name })
	for _, name := range slices.Sorted(maps.Keys(f.Tags)) {
		d := f.Tags[name]
		t := s.byTag[d.Name]
		if t == nil {
			errs.Warnf(d.File, 1, 1, "no story is tagged %q, so its description is not shown anywhere", d.Name)
			continue
		}
		t.Desc = d
	}
}

func (s *Site) linkRelated(errs *diag.List, prev *Site) {
	for _, st := range s.Stories {
		for i, slug := range st.Story.Related {
			at := st.RelatedAt[i]
			switch r := s.bySlug[slug]; {
			case slug == st.Slug:
				errs.Errorf(st.File, at.Line, at.Col, "related names this story itself")
			case r != nil:
				st.Related = append(st.Related, r)
			case s.draftSlug(slug):
				// A draft: shown beside this story once it is published.
			default:
				errs.Errorf(st.File, at.Line, at.Col, "related story %q does not exist%s", slug, s.didYouMean(slug))
			}
		}
	}
	if prev == nil || !sameShape(prev, s) {
		chooseRelated(s, prev)
		return
	}
	s.words = prev.words
	for i, st := range s.Stories {
		st.Related = st.Related[:0]
		for _, r := range prev.Stories[i].Related {
			st.Related = append(st.Related, s.Stories[r.Index])
		}
	}
}

// draftSlug reports whether a story left out as a draft has the slug.
func (s *Site) draftSlug(slug string) bool { return s.drafts[slug] }

func (s *Site) didYouMean(slug string) string {
	best, bestDist := "", 4
	for _, st := range s.Stories {
		if d := story.Distance(slug, st.Slug); d < bestDist {
			best, bestDist = st.Slug, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func (s *Site) linkPaths(f *Files, errs *diag.List) {
	for _, name := range slices.Sorted(maps.Keys(f.Paths)) {
		sp := f.Paths[name]
		p := &Path{Path: sp}
		for i, slug := range sp.Stories {
			at := sp.StoriesAt[i]
			if st := s.bySlug[slug]; st != nil {
				p.Stories = append(p.Stories, st)
				continue
			}
			if s.draftSlug(slug) {
				continue
			}
			errs.Errorf(sp.File, at.Line, at.Col, "reading path names story %q, which does not exist%s", slug, s.didYouMean(slug))
		}
		s.Paths = append(s.Paths, p)
	}
}

func (s *Site) linkPages(f *Files, errs *diag.List) {
	for _, name := range slices.Sorted(maps.Keys(f.Pages)) {
		p := f.Pages[name]
		if Reserved[p.Name] {
			errs.Errorf(p.File, 1, 1, "a page cannot be named %q: /%s/ is one of the site's own pages; rename the file", p.Name, p.Name)
			continue
		}
		if p.Draft && !s.Drafts {
			continue
		}
		s.Pages = append(s.Pages, &Page{p})
	}
}

// linkRedirects turns aliases into redirects, refusing any alias that is
// the URL of a page, a file the build writes, or another alias: a host
// serves a file that is there before it follows a redirect, so such an
// alias could never take effect.
func (s *Site) linkRedirects(errs *diag.List, static []string) {
	taken := map[string]string{}
	add := func(file string, aliases []string, at []story.Pos, to string) {
		for i, a := range aliases {
			key := strings.TrimSuffix(a, "/") + "/"
			by, dup := taken[key]
			switch {
			case s.isFile(a, static):
				errs.Errorf(file, at[i].Line, at[i].Col, "alias %q is a file the build writes, which is served before any redirect", a)
			case s.isPage(key):
				errs.Errorf(file, at[i].Line, at[i].Col, "alias %q is the URL of a page on this site", a)
			case dup:
				errs.Errorf(file, at[i].Line, at[i].Col, "alias %q is already an alias in %s", a, by)
			default:
				taken[key] = file
				s.Redirects = append(s.Redirects, Redirect{From: a, To: to, File: file})
			}
		}
	}
	for _, st := range s.Stories {
		add(st.File, st.Aliases, st.AliasesAt, st.URL)
	}
	for _, t := range s.Tags {
		if t.Desc != nil {
			add(t.Desc.File, t.Desc.Aliases, t.Desc.AliasAt, t.URL())
		}
	}
	for _, p := range s.Paths {
		add(p.File, p.Aliases, p.AliasesAt, p.URL())
	}
	for _, p := range s.Pages {
		add(p.File, p.Aliases, p.AliasesAt, p.URL())
	}
	slices.SortFunc(s.Redirects, func(a, b Redirect) int { return cmp.Compare(a.From, b.From) })
}

var pagedList = regexp.MustCompile(`^/(stories|lessons|changes|tags/[^/]+)/page/[0-9]+/$`)

// isPage reports whether u, a path ending in /, is the URL of a page the
// site writes (or may write, as a list grows).
func (s *Site) isPage(u string) bool {
	parts := strings.Split(strings.Trim(u, "/"), "/")
	switch {
	case u == "/" || pagedList.MatchString(u):
		return true
	case len(parts) == 1:
		return Reserved[parts[0]] || slices.ContainsFunc(s.Pages, func(p *Page) bool { return p.Name == parts[0] })
	case len(parts) == 2 && parts[0] == "stories":
		return s.bySlug[parts[1]] != nil
	case len(parts) == 2 && parts[0] == "tags":
		return s.byTag[parts[1]] != nil
	case len(parts) == 2 && parts[0] == "paths":
		return slices.ContainsFunc(s.Paths, func(p *Path) bool { return p.Name == parts[1] })
	}
	return false
}

// builtFiles are the files the build writes beside its pages.
var builtFiles = regexp.MustCompile(`^/(404\.html|feed\.xml|sitemap(-[0-9]+)?\.xml|robots\.txt|urls\.txt|_redirects|assets/.*)$`)

// isFile reports whether a, a path not ending in /, is a file the build
// writes: the index.html of a page, one of builtFiles, or a static file.
func (s *Site) isFile(a string, static []string) bool {
	if dir, ok := strings.CutSuffix(a, "/index.html"); ok && s.isPage(dir+"/") {
		return true
	}
	return builtFiles.MatchString(a) || slices.Contains(static, a[1:])
}
