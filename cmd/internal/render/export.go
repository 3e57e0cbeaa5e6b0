package render

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"time"

	"oops/cmd/internal/follow"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// ExportVersion is the version of the format of /api/stories.json. It
// changes only when a field changes meaning or goes away; new fields may
// be added within a version.
const ExportVersion = 1

// An export is the front of /api/stories.json; its stories follow, one
// at a time, as they are encoded.
type export struct {
	Version int    `json:"version"`
	Site    string `json:"site"`
	AsOf    string `json:"as_of"` // the day overdue is counted from
}

// exportStory is a story as /api/stories.json gives it.
type exportStory struct {
	Slug     string         `json:"slug"`
	URL      string         `json:"url"`
	Title    string         `json:"title"`
	Date     string         `json:"date"`
	Summary  string         `json:"summary"`
	Tags     []string       `json:"tags"`
	Severity string         `json:"severity,omitempty"`
	Impact   string         `json:"impact,omitempty"`
	Duration string         `json:"duration,omitempty"`
	Lessons  []exportLesson `json:"lessons"`
	Changes  []exportChange `json:"changes"`
	Related  []string       `json:"related"`
}

type exportLesson struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

type exportChange struct {
	What    string `json:"what"`
	Status  string `json:"status"`
	Owner   string `json:"owner,omitempty"`
	Due     string `json:"due,omitempty"`
	Done    string `json:"done,omitempty"`
	Link    string `json:"link,omitempty"`
	Overdue int    `json:"overdue_days"` // 0 when not overdue
}

// exportJob writes /api/stories.json: every published story, newest first.
// It is written as it is encoded, a story at a time, so that its size,
// which grows with the library, is never held in memory.
func (r *Renderer) exportJob() *Job {
	sg := r.sig("export").stories(r.Site.Stories)
	return &Job{Name: "api/stories.json", URL: "/api/stories.json", Sig: sg.sum(), stream: r.export}
}

func (r *Renderer) export(w io.Writer) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	head, err := json.Marshal(export{Version: ExportVersion, Site: r.Site.Settings.Title, AsOf: isoDate(r.Today)})
	if err != nil {
		return err
	}
	bw.Write(head[:len(head)-1])
	bw.WriteString(",\"stories\":[")
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	first := true
	for _, st := range r.Site.Stories {
		if st.Draft {
			continue
		}
		if !first {
			bw.WriteByte(',')
		}
		first = false
		if err := r.writeExportStory(bw, st, enc, &b); err != nil {
			return err
		}
	}
	bw.WriteString("]}\n")
	return bw.Flush()
}

// writeExportStory writes a story's object of /api/stories.json to w,
// encoded with enc into b, or as a renderer before this one kept it.
func (r *Renderer) writeExportStory(w *bufio.Writer, st *site.Story, enc *json.Encoder, b *bytes.Buffer) error {
	var key pieceKey
	if r.whole != nil {
		related := &sig{}
		for _, slug := range exportRelated(st) {
			related.str(slug)
		}
		key = pieceKey{meta: st.MetaHash, slug: st.Slug, kind: exportPiece, with: related.sum()}
		if s, ok := r.whole.get(key); ok {
			w.WriteString(s)
			return nil
		}
	}
	b.Reset()
	if err := enc.Encode(r.exportStory(st)); err != nil {
		return err
	}
	w.Write(b.Bytes())
	if r.whole != nil {
		r.whole.put(key, b.String())
	}
	return nil
}

func (r *Renderer) exportStory(st *site.Story) *exportStory {
	u := r.abs(st.URL)
	e := &exportStory{Slug: st.Slug, URL: u, Title: st.Title, Date: isoDate(st.Date),
		Summary: st.Summary, Tags: st.Story.Tags, Severity: st.Severity, Impact: st.Impact, Duration: st.Duration,
		Lessons: make([]exportLesson, len(st.Lessons)), Changes: make([]exportChange, len(st.Changes))}
	for i, l := range st.Lessons {
		e.Lessons[i] = exportLesson{Text: l, URL: u + "#" + st.Anchors[i]}
	}
	for i := range st.Changes {
		e.Changes[i] = exportChangeOf(&st.Changes[i], r.Today)
	}
	e.Related = exportRelated(st)
	return e
}

// exportRelated returns the slugs of a story's related stories that are
// published.
func exportRelated(st *site.Story) []string {
	out := []string{}
	for _, rel := range st.Related {
		if !rel.Draft {
			out = append(out, rel.Slug)
		}
	}
	return out
}

func exportChangeOf(c *story.Change, today time.Time) exportChange {
	return exportChange{What: c.What, Status: c.Status, Owner: c.Owner, Due: dateOrEmpty(c.Due),
		Done: dateOrEmpty(c.Done), Link: c.Link, Overdue: follow.OverdueDays(c, today)}
}

// dateOrEmpty is a date as YYYY-MM-DD, or "" for the zero date.
func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return isoDate(t)
}
