package render

import (
	"bytes"
	"fmt"
	"html/template"
	"slices"
	"strings"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/follow"
	"oops/cmd/internal/front"
	"oops/cmd/internal/markdown"
	"oops/cmd/internal/site"
)

// HomeStories is how many of the newest stories the home page shows.
const HomeStories = 12

// pageIDs are ids the layouts use; a heading in a body never takes one.
var pageIDs = []string{"main", "top", "content", "q", "search", "results", "lessons", "changes", "related", "trail", "impact", "story", "site-search", "site-q", "nav"}

func (r *Renderer) homeJob() *Job {
	s := r.Site
	newest := s.Stories[:min(HomeStories, len(s.Stories))]
	sg := r.sig("home").stories(newest)
	for _, t := range s.Tags {
		sg.str(t.Name).int(len(t.Stories))
	}
	for _, p := range s.Paths {
		sg.str(p.Summary).int(len(p.Stories))
	}
	return r.bodyJob("/", "home", sg.sum(), func() (*Page, error) {
		body, code, err := renderBody(s.Settings.File, s.Settings.BodyLine, s.Settings.Body)
		return &Page{Description: s.Settings.Description, Body: body, HasCode: code,
			Stories: newest, Tags: s.Tags, Paths: s.Paths, Follow: r.followLine()}, err
	})
}

// listJobs pages a list of stories: all stories, or one tag's.
func (r *Renderer) listJobs(kind, base, title string, list []*site.Story, tag ...*site.Tag) []*Job {
	urls, chunks := pages(base, list, PageSize)
	var jobs []*Job
	for i, chunk := range chunks {
		sg := r.sig(kind).str(title).page(urls, i).stories(chunk)
		if i == 0 {
			sg.int(len(list)) // the first page says how many there are
		}
		var t *site.Tag
		if len(tag) > 0 {
			t = tag[0]
			if t.Desc != nil {
				sg.str(t.Desc.Summary).str(string(t.Desc.Body))
			}
		}
		jobs = append(jobs, r.bodyJob(urls[i], kind, sg.sum(), func() (*Page, error) {
			p := &Page{Title: title, Stories: chunk, Tag: t, Pager: pager(urls, i, chunk)}
			var err error
			if t != nil {
				p.Feed = r.tagFeed(t)
			}
			if t != nil && t.Desc != nil {
				p.Description = t.Desc.Summary
				if i == 0 {
					p.Body, p.HasCode, err = renderBody(t.Desc.File, t.Desc.BodyLine, t.Desc.Body)
				}
			}
			if p.Description == "" {
				p.Description = r.listDescription(t, len(list), p.Pager)
			}
			return p, err
		}))
	}
	return jobs
}

// listDescription describes a page of a list: the first by how many
// stories there are, the others by their dates, which do not change as
// stories are added.
func (r *Renderer) listDescription(t *site.Tag, n int, p *Pager) string {
	what, in := "stories", " in "+r.Site.Settings.Title
	if t != nil {
		what += " tagged " + t.Name
	}
	if p.Prev != "" {
		return "The " + what + in + " from " + fmtDate(p.Oldest) + " to " + fmtDate(p.Newest) + "."
	}
	if t != nil {
		return fmt.Sprintf("%d %s%s.", n, plural(n, "story", "stories")+strings.TrimPrefix(what, "stories"), in)
	}
	return fmt.Sprintf("All %d %s%s, newest first.", n, plural(n, "story", "stories"), in)
}

func (r *Renderer) storyJob(st *site.Story) *Job {
	sg := r.sig("story").u64(st.Hash).str(st.File).stories(st.Related)
	trails := r.trails(st)
	for _, t := range trails {
		sg.str(t.Path.Name).str(t.Path.Title).int(t.Number).int(len(t.Path.Stories))
		for _, n := range []*site.Story{t.Prev, t.Next} {
			if n != nil {
				sg.u64(n.MetaHash)
			}
		}
	}
	job := r.htmlJob(st.URL, "story", sg.sum(), nil)
	job.Indexed = true
	job.run = func(buf *bytes.Buffer) error {
		res, err := r.storyBody(st)
		if err != nil {
			return err
		}
		if r.OnStory != nil {
			r.OnStory(st, res.Text)
		}
		p := &Page{Kind: "story", URL: st.URL, Site: r.Site, Settings: r.Site.Settings, Preview: r.Preview,
			Title: st.Title, Description: st.Summary, Story: st, Trails: trails,
			Lessons: r.lessons(st), Changes: r.changes(st), Rollup: r.rollup(st),
			Body: template.HTML(res.HTML), HasCode: strings.Contains(res.HTML, `class="chroma"`)}
		return r.execute(buf, "story", p)
	}
	return job
}

// storyBody reads a story's file again and renders its body.
func (r *Renderer) storyBody(st *site.Story) (res markdown.Result, err error) {
	rerr := site.Read(r.Source, st.File, func(src []byte) error {
		body, line, err := st.Body(src)
		if e, ok := err.(*front.Error); ok {
			return diag.Errorf(st.File, e.Line, e.Col, "%s", e.Msg)
		}
		if err != nil {
			return err
		}
		res = markdown.Render(body, storyIDs(st.Anchors)...)
		var errs diag.List
		for _, p := range res.Problems {
			errs.Errorf(st.File, line+p.Line-1, p.Col, "%s", p.Msg)
		}
		return errs.Err()
	})
	if d := diag.As(rerr); d != nil {
		return res, d
	}
	if rerr != nil {
		return res, diag.Errorf(st.File, 0, 0, "cannot read: %v", rerr)
	}
	return res, nil
}

// StoryText returns the plain text of a story's body, for the search index.
func (r *Renderer) StoryText(st *site.Story) ([]byte, error) {
	res, err := r.storyBody(st)
	return res.Text, err
}

// storyIDs returns the ids a story's page gives its own elements, which
// the body's headings must not take.
func storyIDs(anchors []string) []string {
	return append(slices.Clip(pageIDs), anchors...)
}

// trails lists the reading paths a story is on, with its neighbours there.
func (r *Renderer) trails(st *site.Story) []Trail {
	var out []Trail
	for _, p := range r.Site.Paths {
		for i, ps := range p.Stories {
			if ps != st {
				continue
			}
			t := Trail{Path: p, Number: i + 1}
			if i > 0 {
				t.Prev = p.Stories[i-1]
			}
			if i+1 < len(p.Stories) {
				t.Next = p.Stories[i+1]
			}
			out = append(out, t)
		}
	}
	return out
}

func (r *Renderer) tagsJob() *Job {
	sg := r.sig("tags")
	for _, t := range r.Site.Tags {
		sg.str(t.Name).int(len(t.Stories))
		if t.Desc != nil {
			sg.str(t.Desc.Title).str(t.Desc.Summary)
		}
	}
	return r.htmlJob("/tags/", "tags", sg.sum(), func() *Page {
		n := len(r.Site.Tags)
		return &Page{Title: "Tags", Tags: r.Site.Tags,
			Description: fmt.Sprintf("The %d %s of %s, with how many stories carry each.", n, plural(n, "tag", "tags"), r.Site.Settings.Title)}
	})
}

// withAny returns the stories for which has is true.
func withAny(list []*site.Story, has func(*site.Story) bool) []*site.Story {
	var out []*site.Story
	for _, st := range list {
		if has(st) {
			out = append(out, st)
		}
	}
	return out
}

func (r *Renderer) lessonJobs() []*Job {
	list := withAny(r.Site.Stories, func(s *site.Story) bool { return len(s.Lessons) > 0 })
	urls, chunks := pages("/lessons/", list, PageSize)
	var jobs []*Job
	for i, chunk := range chunks {
		sg := r.sig("lessons").page(urls, i).stories(chunk)
		jobs = append(jobs, r.htmlJob(urls[i], "lessons", sg.sum(), func() *Page {
			p := &Page{Title: "Lessons", Pager: pager(urls, i, chunk),
				Description: "Every lesson of " + r.Site.Settings.Title + ", each linked to the story it came from."}
			for _, st := range chunk {
				g := Group{Story: st, URL: r.url(st.URL), Lessons: r.lessons(st)}
				p.Lessons, p.Groups = append(p.Lessons, g.Lessons...), append(p.Groups, g)
			}
			return p
		}))
	}
	return jobs
}

// lessons returns the lessons of a story, for its page and /lessons/.
func (r *Renderer) lessons(st *site.Story) []Lesson {
	u := r.url(st.URL)
	out := make([]Lesson, len(st.Lessons))
	for n, l := range st.Lessons {
		out[n] = Lesson{Story: st, Number: n + 1, Anchor: st.Anchors[n], Text: l, URL: u + "#" + st.Anchors[n]}
	}
	return out
}

// changes returns the changes of a story, for its page.
func (r *Renderer) changes(st *site.Story) []Change {
	out := make([]Change, len(st.Changes))
	for i := range st.Changes {
		out[i] = r.change(st, i, false)
	}
	return out
}

// change returns the i-th change of a story, naming the story if from.
func (r *Renderer) change(st *site.Story, i int, from bool) Change {
	c := &st.Changes[i]
	out := Change{Story: st, What: c.What, Status: c.Status, Link: c.Link, Label: statusLabel(c.Status),
		StoryURL: r.url(st.URL) + "#changes", From: from, Owner: c.Owner, Due: c.Due, Done: c.Done,
		Overdue: follow.OverdueDays(c, r.Today), HasDue: !c.Due.IsZero(), HasDone: !c.Done.IsZero()}
	if c.Owner != "" {
		out.OwnerURL = r.board().OwnerURL(c.Owner)
	}
	out.Detail = out.Owner != "" || out.HasDue || out.HasDone || out.Overdue > 0
	return out
}

func (r *Renderer) pathsJob() *Job {
	sg := r.sig("paths")
	for _, p := range r.Site.Paths {
		sg.str(p.Summary).int(len(p.Stories))
	}
	return r.htmlJob("/paths/", "paths", sg.sum(), func() *Page {
		return &Page{Title: "Reading paths", Paths: r.Site.Paths,
			Description: "Stories to read in order, chosen for a purpose, such as a new engineer's first weeks."}
	})
}

func (r *Renderer) pathJob(p *site.Path) *Job {
	sg := r.sig("path").str(p.Summary).str(string(p.Body)).stories(p.Stories)
	return r.bodyJob(p.URL(), "path", sg.sum(), func() (*Page, error) {
		body, code, err := renderBody(p.File, p.BodyLine, p.Body)
		return &Page{Title: p.Title, Description: p.Summary, Path: p, Stories: p.Stories, Body: body, HasCode: code,
			Feed: r.pathFeed(p)}, err
	})
}

func (r *Renderer) pageJob(pg *site.Page) *Job {
	sg := r.sig("page").str(pg.Summary).str(string(pg.Body))
	return r.bodyJob(pg.URL(), "page", sg.sum(), func() (*Page, error) {
		body, code, err := renderBody(pg.File, pg.BodyLine, pg.Body)
		return &Page{Title: pg.Title, Description: pg.Summary, Plain: pg, Body: body, HasCode: code}, err
	})
}

func (r *Renderer) searchJob() *Job {
	sg := r.sig("search").str(r.SearchIndex)
	for _, t := range r.Site.Tags {
		sg.str(t.Name)
	}
	return r.htmlJob("/search/", "search", sg.sum(), func() *Page {
		return &Page{Title: "Search", Tags: r.Site.Tags, SearchIndex: r.SearchIndex,
			Description: "Search the stories of " + r.Site.Settings.Title + "."}
	})
}

func (r *Renderer) notFoundJob() *Job {
	sg := r.sig("404")
	return &Job{Name: "404.html", Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		p := &Page{Kind: "404", URL: "/404.html", Site: r.Site, Settings: r.Site.Settings, Preview: r.Preview,
			Title: "Page not found", Description: "There is no page at this address."}
		return r.execute(buf, "404", p)
	}}
}

// renderBody renders the Markdown body of a page, path, tag or the home
// page, which starts on line of file; it reports whether the body has
// highlighted code, and the limits it passes, as errors at their place.
func renderBody(file string, line int, src []byte) (template.HTML, bool, error) {
	if len(bytes.TrimSpace(src)) == 0 {
		return "", false, nil
	}
	res := markdown.Render(src, pageIDs...)
	var errs diag.List
	for _, p := range res.Problems {
		errs.Errorf(file, line+p.Line-1, p.Col, "%s", p.Msg)
	}
	return template.HTML(res.HTML), strings.Contains(res.HTML, `class="chroma"`), errs.Err()
}
