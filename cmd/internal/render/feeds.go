package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"time"

	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// FeedSize is how many entries an Atom feed carries: the site's newest
// stories, a tag's, or the newest done changes.
const FeedSize = 20

// An atomFeed is what an Atom feed says of itself.
type atomFeed struct {
	title, subtitle string
	page, self      string // paths of the page the feed follows and of the feed
	updated         time.Time
}

// An atomEntry is one entry of an Atom feed.
type atomEntry struct {
	title, id     string
	link, related string // absolute URLs: where to read it, and what it points to
	updated       time.Time
	authors, tags []string
	summary, html string // html, if not empty, is the entry's content
}

// writeFeed writes an Atom feed (RFC 4287).
func (r *Renderer) writeFeed(buf *bytes.Buffer, f atomFeed, entries func(add func(atomEntry)) error) error {
	buf.WriteString(xml.Header)
	buf.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom">` + "\n")
	el(buf, "title", f.title)
	if f.subtitle != "" {
		el(buf, "subtitle", f.subtitle)
	}
	fmt.Fprintf(buf, "<link href=\"%s\"/>\n<link rel=\"self\" href=\"%s\"/>\n", attr(r.abs(f.page)), attr(r.abs(f.self)))
	el(buf, "id", r.abs(f.page))
	el(buf, "updated", atomTime(f.updated))
	fmt.Fprintf(buf, "<author><name>%s</name></author>\n", text(r.Site.Settings.Title))
	err := entries(func(e atomEntry) {
		buf.WriteString("<entry>\n")
		el(buf, "title", e.title)
		fmt.Fprintf(buf, "<link href=\"%s\"/>\n", attr(e.link))
		if e.related != "" {
			fmt.Fprintf(buf, "<link rel=\"related\" href=\"%s\"/>\n", attr(e.related))
		}
		el(buf, "id", e.id)
		el(buf, "published", atomTime(e.updated))
		el(buf, "updated", atomTime(e.updated))
		for _, a := range e.authors {
			fmt.Fprintf(buf, "<author><name>%s</name></author>\n", text(a))
		}
		for _, t := range e.tags {
			fmt.Fprintf(buf, "<category term=\"%s\"/>\n", attr(t))
		}
		el(buf, "summary", e.summary)
		if e.html != "" {
			fmt.Fprintf(buf, "<content type=\"html\">%s</content>\n", text(e.html))
		}
		buf.WriteString("</entry>\n")
	})
	buf.WriteString("</feed>\n")
	return err
}

// feedTags is how many of a story's tags an entry carries as categories:
// a story with thousands of tags would make each of their feeds huge.
const feedTags = 20

// storyEntry is a story as an entry of a feed, its body left out.
func (r *Renderer) storyEntry(st *site.Story) atomEntry {
	return atomEntry{title: st.Title, id: r.abs(st.URL), link: r.abs(st.URL), updated: st.Date,
		authors: st.Authors, tags: st.Story.Tags[:min(feedTags, len(st.Story.Tags))], summary: st.Summary}
}

// feedJob writes the Atom feed of the newest stories. A feed cannot ask
// not to be indexed, so an internal library's entries carry each story's
// title, link and summary, and not its body.
func (r *Renderer) feedJob() *Job {
	newest := r.Site.Stories[:min(FeedSize, len(r.Site.Stories))]
	sg := r.sig("feed")
	for _, st := range newest {
		sg.u64(st.Hash).str(st.Slug) // entries carry the stories' bodies
	}
	s := r.Site.Settings
	f := atomFeed{title: s.Title, subtitle: s.Description, page: "/", self: "/feed.xml", updated: r.Site.Updated()}
	return &Job{Name: "feed.xml", URL: "/feed.xml", Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		return r.writeFeed(buf, f, func(add func(atomEntry)) error {
			for _, st := range newest {
				res, err := r.storyBody(st)
				if err != nil {
					return err
				}
				e := r.storyEntry(st)
				if r.Site.Settings.Visibility == story.Public {
					e.html = res.HTML
				}
				add(e)
			}
			return nil
		})
	}}
}

// storiesFeedJob writes the feed of a list of stories, a tag's or a
// reading path's, at page+"feed.xml". Its entries are the stories' cards:
// title, summary, tags and authors, without bodies, so that a feed for
// each of thousands of tags costs little.
func (r *Renderer) storiesFeedJob(kind string, feed *Feed, page string, list []*site.Story) *Job {
	sg := r.sig(kind + "-feed").str(feed.URL).str(feed.Title).stories(list)
	f := atomFeed{title: feed.Title, page: page, self: feed.URL}
	for _, st := range list {
		f.updated = maxTime(f.updated, st.Date)
	}
	return &Job{Name: feed.URL[1:], URL: feed.URL, Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		return r.writeFeed(buf, f, func(add func(atomEntry)) error {
			for _, st := range list {
				add(r.storyEntry(st))
			}
			return nil
		})
	}}
}

func (r *Renderer) tagFeedJob(t *site.Tag) *Job {
	return r.storiesFeedJob("tag", r.tagFeed(t), t.URL(), t.Stories[:min(FeedSize, len(t.Stories))])
}

func (r *Renderer) pathFeedJob(p *site.Path) *Job {
	return r.storiesFeedJob("path", r.pathFeed(p), p.URL(), p.Stories)
}

// The feeds of a tag, a reading path and the changes board.
func (r *Renderer) tagFeed(t *site.Tag) *Feed {
	return &Feed{URL: t.URL() + "feed.xml", Title: r.Site.Settings.Title + ": stories tagged " + t.Title()}
}

func (r *Renderer) pathFeed(p *site.Path) *Feed {
	return &Feed{URL: p.URL() + "feed.xml", Title: r.Site.Settings.Title + ": " + p.Title}
}

func (r *Renderer) changesFeed() *Feed {
	return &Feed{URL: "/changes/feed.xml", Title: r.Site.Settings.Title + ": changes done"}
}

// A doneChange is a change that is done, with its story.
type doneChange struct {
	st  *site.Story
	n   int // its place among the story's changes
	day time.Time
}

// doneChanges returns the newest done changes, newest first: by the date
// they were done where it is known, else by their story's date.
func (r *Renderer) doneChanges() []doneChange {
	var out []doneChange
	for _, st := range r.Site.Stories {
		for n, c := range st.Changes {
			if c.Status != "done" {
				continue
			}
			day := c.Done
			if day.IsZero() {
				day = st.Date
			}
			out = append(out, doneChange{st, n, day})
		}
	}
	slices.SortStableFunc(out, func(a, b doneChange) int { return b.day.Compare(a.day) })
	return out[:min(FeedSize, len(out))]
}

// changesFeedJob writes /changes/feed.xml: the changes as they become done.
func (r *Renderer) changesFeedJob() *Job {
	done := r.doneChanges()
	sg := r.sig("changes-feed")
	feed := r.changesFeed()
	f := atomFeed{title: feed.Title, page: "/changes/", self: feed.URL}
	for _, d := range done {
		c := d.st.Changes[d.n]
		sg.str(d.st.Slug).str(c.What).str(c.Link).u64(uint64(d.day.Unix()))
		f.updated = maxTime(f.updated, d.day)
	}
	return &Job{Name: feed.URL[1:], URL: feed.URL, Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		return r.writeFeed(buf, f, func(add func(atomEntry)) error {
			for _, d := range done {
				add(r.changeEntry(d))
			}
			return nil
		})
	}}
}

// changeEntry is a done change as an entry of the changes feed, which
// links its story (by URL: a title repeated for each change of a story
// with many would make the feed as long as their number times the
// title). Its id is
// its story's URL and a hash of what it says, which stays when the
// story's changes are reordered.
func (r *Renderer) changeEntry(d doneChange) atomEntry {
	c := d.st.Changes[d.n]
	h := fnv.New32a()
	h.Write([]byte(c.What))
	e := atomEntry{title: c.What, id: r.abs(d.st.URL) + "#change-" + strconv.FormatUint(uint64(h.Sum32()), 16),
		link: r.abs(d.st.URL) + "#changes", updated: d.day, tags: d.st.Story.Tags[:min(feedTags, len(d.st.Story.Tags))],
		summary: "Done after the story at " + r.abs(d.st.URL)}
	if c.Link != "" {
		e.related = c.Link
		if c.Link[0] == '/' {
			e.related = r.abs(c.Link)
		}
	}
	return e
}

func maxTime(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
