package render

import (
	"bytes"
	"fmt"
	"html/template"
	"strconv"
	"time"

	"oops/cmd/internal/follow"
	"oops/cmd/internal/insights"
	"oops/cmd/internal/site"
)

// A Board is what a page of the follow-through board shows: /changes/,
// one of its views, or the changes one owner carries.
type Board struct {
	AsOf   time.Time
	View   string        // "" for the whole board; else overdue, open, done or dropped
	Owner  *follow.Owner // on an owner's page
	Intro  string
	Counts []Count
	Views  []ViewLink
	Runs   []Run  // the changes of the page, by how far they have got
	None   string // what the page says when it has no changes
}

// A ViewLink links a view of the board, saying how many changes it shows.
type ViewLink struct {
	URL, Text string
	N         int
	Current   bool
}

// A Run is a run of a page's changes under one heading.
type Run struct {
	ID, Title string
	Changes   []Change
}

// A Count is how many changes have a status, or are overdue.
type Count struct {
	Status string
	Label  string
	N      int
}

// board returns the library's board, worked out once for all its pages.
func (r *Renderer) board() *follow.Board {
	r.boardOnce.Do(func() { r.follow = follow.NewBoard(r.Site, r.Today) })
	return r.follow
}

// viewTitles name the views of the board.
var viewTitles = map[string]string{
	"": "Changes", "overdue": "Overdue changes", "open": "Open changes", "done": "Done changes", "dropped": "Dropped changes",
}

var viewIntros = map[string]string{
	"":        "What changed after each story, who carries what is still open, and what is overdue.",
	"overdue": "Open changes past their due date, the longest overdue first.",
	"open":    "Changes planned or in progress, the overdue ones first.",
	"done":    "Changes made, the latest first.",
	"dropped": "Changes decided against.",
}

// changeJobs pages the board, each of its views, the list of owners and
// the page of each owner.
func (r *Renderer) changeJobs() []*Job {
	b := r.board()
	jobs := r.boardJobs("/changes/", "", nil, b.Items)
	for _, v := range follow.Views {
		jobs = append(jobs, r.boardJobs("/changes/"+v+"/", v, nil, b.View(v))...)
	}
	jobs = append(jobs, r.ownersJob())
	for _, o := range b.Owners {
		jobs = append(jobs, r.boardJobs(o.URL(), "", o, o.Items)...)
	}
	return jobs
}

// boardJobs pages a list of the board's changes.
func (r *Renderer) boardJobs(base, view string, owner *follow.Owner, items []follow.Item) []*Job {
	urls, chunks := pages(base, items, BoardPageSize)
	title := viewTitles[view]
	if owner != nil {
		title = "Carried by " + owner.Name
	}
	var jobs []*Job
	for i, chunk := range chunks {
		sg := r.sig("changes").str(title).page(urls, i)
		r.boardSig(sg, owner)
		sg.int(len(items))
		for _, it := range chunk {
			sg.u64(it.Story.MetaHash).str(it.Story.Slug).int(it.N)
		}
		jobs = append(jobs, r.htmlJob(urls[i], "changes", sg.sum(), func() *Page {
			return &Page{Title: title, Description: r.boardIntro(view, owner), Pager: itemPager(urls, i),
				Board: r.boardPage(view, owner, chunk, len(items)), Feed: r.changesFeed()}
		}))
	}
	return jobs
}

// boardSig adds what every page of the board shows: the counts and views.
func (r *Renderer) boardSig(sg *sig, owner *follow.Owner) {
	t := r.board().Tally
	if owner != nil {
		t = owner.Tally
	}
	a := r.board().Tally
	for _, t := range []follow.Tally{a, t} {
		sg.int(t.Done).int(t.InProgress).int(t.Planned).int(t.Dropped).int(t.Overdue)
	}
	sg.int(len(r.board().Owners))
}

func (r *Renderer) boardIntro(view string, owner *follow.Owner) string {
	if owner != nil {
		return "The changes " + owner.Name + " carries in " + r.Site.Settings.Title + ": open, overdue and done."
	}
	return viewIntros[view]
}

func (r *Renderer) boardPage(view string, owner *follow.Owner, items []follow.Item, total int) *Board {
	b := r.board()
	bp := &Board{AsOf: r.Today, View: view, Owner: owner, Intro: r.boardIntro(view, owner)}
	t := b.Tally
	if owner != nil {
		t = owner.Tally
	}
	bp.Counts = tallyCounts(t)
	bp.Views = append(bp.Views, ViewLink{URL: "/changes/", Text: "All", N: b.Tally.Total(), Current: view == "" && owner == nil})
	for _, v := range follow.Views {
		n := map[string]int{"overdue": b.Tally.Overdue, "open": b.Tally.Open()}[v]
		if n == 0 {
			n = b.Tally.Of(v)
		}
		bp.Views = append(bp.Views, ViewLink{URL: "/changes/" + v + "/", Text: statusLabel(v), N: n, Current: view == v})
	}
	bp.Views = append(bp.Views, ViewLink{URL: "/changes/owners/", Text: "By owner", N: len(b.Owners)})
	bp.Runs = r.runs(items, owner == nil)
	if total == 0 {
		bp.None = "No changes here as of this build."
	}
	return bp
}

// tallyCounts lists the counts a board shows at its top.
func tallyCounts(t follow.Tally) []Count {
	out := []Count{{"overdue", "Overdue", t.Overdue}}
	for _, s := range []string{"in-progress", "planned", "done", "dropped"} {
		out = append(out, Count{s, statusLabel(s), t.Of(s)})
	}
	return out
}

// groupTitles head the runs of a page of the board.
var groupTitles = map[string]string{"open": "Open", "done": "Done", "dropped": "Dropped"}

// runs splits a page's changes, in the board's order, into runs of open,
// done and dropped ones. With from, an item names its story, once for
// the changes of one story that follow each other: a story with hundreds
// of changes is named once, not once each.
func (r *Renderer) runs(items []follow.Item, from bool) []Run {
	var out []Run
	var last *site.Story
	for _, it := range items {
		c := r.change(it.Story, it.N, false)
		key := c.Status
		if key == "in-progress" || key == "planned" {
			key = "open"
		}
		if len(out) == 0 || out[len(out)-1].ID != "changes-"+key {
			out = append(out, Run{ID: "changes-" + key, Title: groupTitles[key]})
			last = nil
		}
		c.From = from && it.Story != last
		last = it.Story
		g := &out[len(out)-1]
		g.Changes = append(g.Changes, c)
	}
	return out
}

// itemPager links page i of a list of changes to its neighbours.
func itemPager(urls []string, i int) *Pager {
	p := &Pager{First: urls[0], Label: "Page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(urls))}
	if i > 0 {
		p.Prev = urls[i-1]
	}
	if i+1 < len(urls) {
		p.Next = urls[i+1]
	}
	return p
}

func (r *Renderer) ownersJob() *Job {
	b := r.board()
	sg := r.sig("owners")
	for _, o := range b.Owners {
		sg.str(o.Name).int(o.Tally.Open()).int(o.Tally.Overdue).int(o.Tally.Done)
	}
	return r.htmlJob("/changes/owners/", "owners", sg.sum(), func() *Page {
		return &Page{Title: "Owners", Owners: b.Owners, Board: &Board{AsOf: r.Today},
			Description: "The teams and people who carry the changes of " + r.Site.Settings.Title + ", with how many are open, overdue and done."}
	})
}

func (r *Renderer) insightsJob() *Job {
	sg := r.sig("insights").stories(r.Site.Stories)
	return r.htmlJob("/insights/", "insights", sg.sum(), func() *Page {
		return &Page{Title: "Insights", Insights: insights.New(r.Site, r.Today),
			Description: "How the stories of " + r.Site.Settings.Title + " add up, and whether their lessons turn into changes."}
	})
}

// followLine is the home page's line on the follow-through.
func (r *Renderer) followLine() string {
	if r.board().Tally.Total() == 0 {
		return ""
	}
	return r.board().Tally.Line()
}

// rollup says how far a story's changes have got, for its page and cards.
func (r *Renderer) rollup(st *site.Story) string {
	return follow.StoryTally(st.Story, r.Today).Rollup()
}

// changeList returns the items of a list of changes, written as the
// partial "change" writes each.
func (r *Renderer) changeList(cs []Change) (template.HTML, error) {
	var b bytes.Buffer
	for _, c := range cs {
		if !r.direct["card"] {
			if err := r.tmpl["changes"].ExecuteTemplate(&b, "change", c); err != nil {
				return "", err
			}
			continue
		}
		r.writeChange(&b, c)
	}
	return template.HTML(b.String()), nil
}

func overdueText(n int) string { return fmt.Sprintf("overdue by %d %s", n, plural(n, "day", "days")) }
