package render

import (
	"bytes"
	"encoding/binary"
	"hash/maphash"
	"io"
	"strconv"

	"oops/cmd/internal/site"
)

// A Job writes one output file.
type Job struct {
	Name string // output file, slash-separated: "stories/x/index.html"
	URL  string // the page's URL if it is a page: "/stories/x/"
	Sig  uint64 // hash of everything the output depends on

	// Indexed says running the job hands a story's text to OnStory: the
	// search index is complete once every such job has run.
	Indexed bool

	run    func(buf *bytes.Buffer) error
	stream func(w io.Writer) error // instead of run, for a file too large to hold
}

// Run renders the job's file into buf.
func (j *Job) Run(buf *bytes.Buffer) error {
	if j.stream != nil {
		return j.stream(buf)
	}
	return j.run(buf)
}

// Streams reports whether the job's file is better written as it is
// rendered (Stream) than held whole in memory (Run): it grows with the
// library without bound.
func (j *Job) Streams() bool { return j.stream != nil }

// Stream renders the job's file into w as it goes.
func (j *Job) Stream(w io.Writer) error {
	if j.stream != nil {
		return j.stream(w)
	}
	var buf bytes.Buffer
	if err := j.run(&buf); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// PageSize is how many stories a page of a list holds, but for the first
// page, which holds fewer than twice as many (see pages). Pages of /lessons/
// hold the lessons of that many stories.
const PageSize = 50

// BoardPageSize is how many changes a page of the board (/changes/, its
// views and its owners' pages) holds, counted as PageSize is. A change is a
// line, and a board is scanned for what is overdue and who carries it, so
// its pages are long: a view of a large library is a few pages, not
// hundreds, and each costs a build less.
const BoardPageSize = 200

// Jobs lists every file the site's pages are made of, except the search
// index and static files, which other packages write.
func (r *Renderer) Jobs() []*Job {
	s := r.Site
	var jobs []*Job
	jobs = append(jobs, r.homeJob())
	jobs = append(jobs, r.listJobs("stories", "/stories/", "All stories", s.Stories)...)
	for _, st := range s.Stories {
		jobs = append(jobs, r.storyJob(st))
	}
	jobs = append(jobs, r.tagsJob())
	for _, t := range s.Tags {
		jobs = append(jobs, r.listJobs("tag", t.URL(), t.Title(), t.Stories, t)...)
		jobs = append(jobs, r.tagFeedJob(t))
	}
	jobs = append(jobs, r.lessonJobs()...)
	jobs = append(jobs, r.changeJobs()...)
	jobs = append(jobs, r.insightsJob())
	jobs = append(jobs, r.changesFeedJob())
	jobs = append(jobs, r.pathsJob())
	for _, p := range s.Paths {
		jobs = append(jobs, r.pathJob(p), r.pathFeedJob(p))
	}
	for _, p := range s.Pages {
		jobs = append(jobs, r.pageJob(p))
	}
	jobs = append(jobs, r.searchJob(), r.notFoundJob())
	jobs = append(jobs, r.feedJob(), r.exportJob(), r.robotsJob(), r.headersJob(), r.redirectsJob())
	jobs = append(jobs, r.sitemapJobs(jobs)...)
	jobs = append(jobs, urlsJob(jobs), r.anchorsJob())
	return jobs
}

// BodyJobs lists the files that show the bodies of the given stories: their
// own pages, and the feed if one of them is in it. When only the bodies of
// stories changed, these are the only pages to render again (and the
// search index).
func (r *Renderer) BodyJobs(stories []*site.Story) []*Job {
	var jobs []*Job
	inFeed := false
	for _, st := range stories {
		jobs = append(jobs, r.storyJob(st))
		inFeed = inFeed || st.Index < FeedSize
	}
	if inFeed {
		jobs = append(jobs, r.feedJob())
	}
	return jobs
}

// SearchJob returns the job of the search page.
func (r *Renderer) SearchJob() *Job { return r.searchJob() }

// htmlJob makes the job of the HTML page at url, of kind, whose data
// gives the page's own fields; the fields every page has are filled in here.
func (r *Renderer) htmlJob(url, kind string, sig uint64, data func() *Page) *Job {
	return r.bodyJob(url, kind, sig, func() (*Page, error) { return data(), nil })
}

// bodyJob is htmlJob for a page with a Markdown body, which may fail.
func (r *Renderer) bodyJob(url, kind string, sig uint64, data func() (*Page, error)) *Job {
	name := url[1:] + "index.html"
	return &Job{Name: name, URL: url, Sig: sig, run: func(buf *bytes.Buffer) error {
		p, err := data()
		if err != nil {
			return err
		}
		p.Kind, p.URL, p.Site, p.Settings, p.Preview = kind, url, r.Site, r.Site.Settings, r.Preview
		return r.execute(buf, kind, p)
	}}
}

// A sig accumulates a job's signature.
type sig struct{ h []byte }

// sig starts the signature of a job. Jobs are listed one at a time, each
// signature summed before the next starts, so they share one buffer.
func (r *Renderer) sig(kind string) *sig {
	s := &r.scratch
	s.h = s.h[:0]
	s.u64(r.global)
	s.u64(r.tmplHash[kind])
	s.str(kind)
	return s
}

func (s *sig) u64(v uint64) *sig { s.h = binary.LittleEndian.AppendUint64(s.h, v); return s }
func (s *sig) str(v string) *sig { s.h = append(append(s.h, v...), 0); return s }
func (s *sig) int(v int) *sig    { return s.u64(uint64(v)) }

// stories adds the slugs and the hashes of the front matter of stories:
// lists and related blocks show their fields and link their URLs, not
// their bodies.
func (s *sig) stories(list []*site.Story) *sig {
	for _, st := range list {
		s.u64(st.MetaHash).str(st.Slug)
	}
	return s
}

// seed is this process's hash seed: signatures are compared within one
// run of the program, never stored.
var seed = maphash.MakeSeed()

func (s *sig) sum() uint64 { return maphash.Bytes(seed, s.h) }

// pages splits a newest-first list into pages, urls[0] (base) first. Pages
// are counted from the oldest end, so that what a page holds does not move
// as stories are added: the first page holds the newest stories, between
// size and 2*size-1 of them (or all, when there are fewer), and the page at
// base/page/n/ holds the n-th oldest run of size stories, for good. Adding
// a story changes the first page and leaves every other page as it was.
func pages[T any](base string, list []T, size int) (urls []string, chunks [][]T) {
	full := len(list) / size // runs of size, counted from the oldest end
	if full <= 1 {
		return []string{base}, [][]T{list}
	}
	first := len(list) - (full-1)*size
	urls, chunks = append(urls, base), append(chunks, list[:first])
	for n := full - 1; n >= 1; n-- {
		end := len(list) - (n-1)*size
		urls = append(urls, base+"page/"+strconv.Itoa(n)+"/")
		chunks = append(chunks, list[end-size:end])
	}
	return urls, chunks
}

// pager links page i of urls (as pages returns them), which holds chunk,
// to its neighbours.
func pager(urls []string, i int, chunk []*site.Story) *Pager {
	p := &Pager{First: urls[0]}
	if len(chunk) > 0 {
		p.Newest, p.Oldest = chunk[0].Date, chunk[len(chunk)-1].Date
	}
	if i > 0 {
		p.Prev = urls[i-1]
	}
	if i+1 < len(urls) {
		p.Next = urls[i+1]
	}
	return p
}

// page adds what a page of a list shows besides its stories: its place
// among its neighbours.
func (s *sig) page(urls []string, i int) *sig {
	s.int(i)
	if i > 0 {
		s.str(urls[i-1])
	}
	if i+1 < len(urls) {
		s.str(urls[i+1])
	}
	return s
}
