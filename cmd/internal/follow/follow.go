// Package follow works out the follow-through of a library: which changes
// made after its stories are still open, which are overdue on a given day,
// who carries them, and the counts the pages show.
//
// A change is open while it is planned or in progress. An open change with
// a due date before today is overdue by the days between the two. Today is
// a day in UTC, fixed for a whole build (see Today), so that every page of
// one build counts the same way.
package follow

import (
	"cmp"
	"fmt"
	"hash/fnv"
	"slices"
	"strconv"
	"strings"
	"time"

	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// Today returns the day overdue changes are counted from: the date, in UTC,
// of SOURCE_DATE_EPOCH (seconds since 1970) when getenv gives one, so that
// builds of one source are the same whenever they run, else that of now.
func Today(getenv func(string) string, now time.Time) (time.Time, error) {
	t := now
	if s := getenv("SOURCE_DATE_EPOCH"); s != "" {
		sec, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q must be a number of seconds since 1970-01-01", s)
		}
		t = time.Unix(sec, 0)
	}
	return Day(t), nil
}

// Day returns the UTC day of t, at midnight.
func Day(t time.Time) time.Time {
	y, m, d := t.UTC().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// OverdueDays returns how many days past its due date an open change is on
// day today; 0 when it is not overdue.
func OverdueDays(c *story.Change, today time.Time) int {
	if !c.Open() || c.Due.IsZero() || !c.Due.Before(today) {
		return 0
	}
	return Days(c.Due, today)
}

// Days returns the whole days from a to b.
func Days(a, b time.Time) int { return int(b.Sub(a).Hours() / 24) }

// A Tally counts changes by status, and those overdue.
type Tally struct {
	Done, InProgress, Planned, Dropped, Overdue int
}

// Add counts c as of day today.
func (t *Tally) Add(c *story.Change, today time.Time) {
	switch c.Status {
	case "done":
		t.Done++
	case "in-progress":
		t.InProgress++
	case "planned":
		t.Planned++
	case "dropped":
		t.Dropped++
	}
	if OverdueDays(c, today) > 0 {
		t.Overdue++
	}
}

// Total returns how many changes were counted.
func (t Tally) Total() int { return t.Done + t.InProgress + t.Planned + t.Dropped }

// Open returns how many changes are still to be made.
func (t Tally) Open() int { return t.InProgress + t.Planned }

// Of returns how many changes have the status.
func (t Tally) Of(status string) int {
	switch status {
	case "done":
		return t.Done
	case "in-progress":
		return t.InProgress
	case "planned":
		return t.Planned
	case "dropped":
		return t.Dropped
	}
	return 0
}

// Rollup says how far a story's changes have got: "3 of 5 changes done,
// 1 overdue". It is "" when there are none.
func (t Tally) Rollup() string {
	if t.Total() == 0 {
		return ""
	}
	s := fmt.Sprintf("%d of %d %s done", t.Done, t.Total(), plural(t.Total(), "change", "changes"))
	if t.Overdue > 0 {
		s += fmt.Sprintf(", %d overdue", t.Overdue)
	}
	return s
}

// Line sums up a library's changes in one line: "34 changes: 20 done,
// 8 in progress, 6 planned, 1 dropped; 3 overdue".
func (t Tally) Line() string {
	var parts []string
	for _, p := range []struct {
		n    int
		what string
	}{{t.Done, "done"}, {t.InProgress, "in progress"}, {t.Planned, "planned"}, {t.Dropped, "dropped"}} {
		if p.n > 0 {
			parts = append(parts, strconv.Itoa(p.n)+" "+p.what)
		}
	}
	s := fmt.Sprintf("%d %s", t.Total(), plural(t.Total(), "change", "changes"))
	if len(parts) > 0 {
		s += ": " + strings.Join(parts, ", ")
	}
	if t.Open() > 0 {
		s += fmt.Sprintf("; %d overdue", t.Overdue)
	}
	return s
}

// StoryTally counts the changes of one story.
func StoryTally(st *story.Story, today time.Time) Tally {
	var t Tally
	for i := range st.Changes {
		t.Add(&st.Changes[i], today)
	}
	return t
}

// An Item is one change of one story.
type Item struct {
	Story *site.Story
	N     int // the change's place among the story's
}

// Change returns the item's change.
func (it Item) Change() *story.Change { return &it.Story.Changes[it.N] }

// An Owner is a team or person who carries changes, with the counts of
// theirs. Owners whose names differ only in case and punctuation are one.
type Owner struct {
	Name  string // as the first change on the board to name it writes it
	Slug  string // its page is /changes/owners/<slug>/
	Tally Tally
	Items []Item // in the order of the board
}

// URL returns the path of the owner's page.
func (o *Owner) URL() string { return "/changes/owners/" + o.Slug + "/" }

// A Board is every change of a library, in the order the follow-through
// board shows them, counted.
type Board struct {
	Today  time.Time
	Tally  Tally
	Items  []Item   // open first (overdue first), then done, then dropped
	Owners []*Owner // by name

	byName map[string]*Owner // by each way a change writes the name
}

// NewBoard lays out the changes of the stories of s as of day today.
func NewBoard(s *site.Site, today time.Time) *Board {
	b := &Board{Today: today}
	for _, st := range s.Stories {
		for i := range st.Changes {
			b.Tally.Add(&st.Changes[i], today)
			b.Items = append(b.Items, Item{st, i})
		}
	}
	slices.SortStableFunc(b.Items, func(x, y Item) int { return b.compare(x.Change(), y.Change()) })
	b.Owners = owners(b.Items, today)
	b.byName = map[string]*Owner{}
	for _, o := range b.Owners {
		for _, it := range o.Items {
			b.byName[it.Change().Owner] = o
		}
	}
	return b
}

// rank orders the statuses on the board.
var rank = map[string]int{"in-progress": 0, "planned": 0, "done": 1, "dropped": 2}

// compare orders two changes on the board: open before done before
// dropped; among open ones, the most overdue first, then by due date (none
// last); among done ones, the latest done first. Stories are newest first
// otherwise, as the stable sort keeps them.
func (b *Board) compare(x, y *story.Change) int {
	if c := cmp.Compare(rank[x.Status], rank[y.Status]); c != 0 {
		return c
	}
	switch {
	case x.Open():
		if c := cmp.Compare(OverdueDays(y, b.Today), OverdueDays(x, b.Today)); c != 0 {
			return c
		}
		return compareDates(x.Due, y.Due, 1)
	case x.Status == "done":
		return compareDates(x.Done, y.Done, -1)
	}
	return 0
}

// compareDates orders dates, earliest first when dir is 1 and latest first
// when it is -1; a zero date goes last either way.
func compareDates(x, y time.Time, dir int) int {
	switch {
	case x.IsZero() || y.IsZero():
		return cmp.Compare(boolInt(x.IsZero()), boolInt(y.IsZero()))
	}
	return dir * x.Compare(y)
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// owners gathers the changes that name an owner, by owner.
func owners(items []Item, today time.Time) []*Owner {
	by := map[string]*Owner{}
	var out []*Owner
	for _, it := range items {
		c := it.Change()
		if c.Owner == "" {
			continue
		}
		slug := story.Slugify(c.Owner)
		if slug == "" {
			h := fnv.New32a()
			h.Write([]byte(c.Owner))
			slug = fmt.Sprintf("owner-%08x", h.Sum32())
		}
		o := by[slug]
		if o == nil {
			o = &Owner{Name: c.Owner, Slug: slug}
			by[slug] = o
			out = append(out, o)
		}
		o.Tally.Add(c, today)
		o.Items = append(o.Items, it)
	}
	slices.SortFunc(out, func(a, b *Owner) int { return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)) })
	return out
}

// Views are the filtered lists of the board, each at /changes/<view>/.
var Views = []string{"overdue", "open", "done", "dropped"}

// View returns the items of the board a view shows, in the board's order.
func (b *Board) View(view string) []Item {
	var out []Item
	for _, it := range b.Items {
		c := it.Change()
		var in bool
		switch view {
		case "overdue":
			in = OverdueDays(c, b.Today) > 0
		case "open":
			in = c.Open()
		default:
			in = c.Status == view
		}
		if in {
			out = append(out, it)
		}
	}
	return out
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// OwnerURL returns the path of the page of the owner named name.
func (b *Board) OwnerURL(name string) string {
	if o := b.byName[name]; o != nil {
		return o.URL()
	}
	return ""
}
