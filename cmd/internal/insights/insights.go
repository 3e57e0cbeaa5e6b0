// Package insights works out the figures of a library's /insights/ page:
// how many stories it gains each quarter and how severe they are, whether
// the changes they call for get done, how old the open ones are, how long
// changes take, and which topics grow.
//
// Each figure is a Chart: its numbers as a table, a sentence that states
// what they show, and the shapes of a picture of them laid out on a fixed
// grid, which a layout draws as SVG. Nothing here depends on the page's
// look: the shapes carry class names, and the layout and stylesheet give
// them their colours. A library with too little to show gets a sentence
// instead of the picture (Chart.Empty).
//
// Work and memory are proportional to the number of stories and changes,
// held as counts: a library of 100,000 stories costs a few arrays.
package insights

import (
	"fmt"
	"time"

	"oops/cmd/internal/follow"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// A Chart is one figure of the page.
type Chart struct {
	ID      string // the figure's id on the page
	Title   string // its heading, which also names the picture
	Caption string // what it shows, in words
	Empty   string // when not "", too little to draw: say this instead

	W, H   int // the picture's size in its own units
	Bars   []Shape
	Lines  []Shape
	Labels []Label
	Legend []Key

	Head []string   // the table's column headings
	Rows [][]string // its rows, the first cell of each a row heading
}

// A Shape is a rectangle (X, Y, W, H) or a line (X, Y to X2, Y2).
type Shape struct {
	X, Y, W, H, X2, Y2 int
	Class              string
}

// A Label is text in the picture.
type Label struct {
	X, Y   int
	Anchor string // start, middle or end
	Class  string
	Text   string
}

// A Key is an entry of a chart's legend.
type Key struct{ Class, Text string }

// Insights are the charts of a library as of a day.
type Insights struct {
	AsOf    time.Time
	Stories int
	Changes int
	Charts  []*Chart
}

// minStories is how many stories a library needs for charts to say anything.
const minStories = 3

// New works out the insights of the published stories of s as of day today.
func New(s *site.Site, today time.Time) *Insights {
	in := &Insights{AsOf: today}
	c := collect(s, today)
	in.Stories, in.Changes = c.stories, c.changes
	in.Charts = []*Chart{
		c.severityChart(),
		c.followChart(),
		c.ageChart(),
		c.leadChart(),
		c.growthChart(),
	}
	if c.stories < minStories {
		for _, ch := range in.Charts {
			ch.Empty = fmt.Sprintf("The library has %d %s so far: too few for this picture to say anything.", c.stories, plural(c.stories, "story", "stories"))
		}
	}
	return in
}

// A quarter is a year's quarter, counted from year 0: 4*year + q-1.
type quarter int

func quarterOf(t time.Time) quarter { return quarter(t.Year()*4 + int(t.Month()-1)/3) }

func (q quarter) String() string { return fmt.Sprintf("%d Q%d", int(q)/4, int(q)%4+1) }

// counts are what the charts are drawn from, gathered in one pass.
type counts struct {
	today            time.Time
	stories, changes int
	first, last      quarter
	bySeverity       map[quarter]*[5]int // stories by severity: none, low … critical
	done, open       map[quarter]int     // changes, by the quarter of their story
	ages, overdue    [4]int              // open changes by age, and of them overdue
	lead             []int               // days from story to done
	tags             map[string]*[2]int  // stories of the last four quarters, and the four before
}

func collect(s *site.Site, today time.Time) *counts {
	c := &counts{today: today, bySeverity: map[quarter]*[5]int{}, done: map[quarter]int{}, open: map[quarter]int{},
		tags: map[string]*[2]int{}}
	now := quarterOf(today)
	for i, st := range s.Stories {
		if st.Draft {
			continue
		}
		q := quarterOf(st.Date)
		if c.stories == 0 || q > c.last {
			c.last = q
		}
		if c.stories == 0 || q < c.first {
			c.first = q
		}
		c.stories++
		if c.bySeverity[q] == nil {
			c.bySeverity[q] = new([5]int)
		}
		c.bySeverity[q][severityIndex(st.Severity)]++
		c.countTags(s.Stories[i], now-q)
		for j := range st.Changes {
			c.countChange(&st.Changes[j], st.Story, q)
		}
	}
	return c
}

func severityIndex(s string) int {
	for i, v := range story.Severities {
		if v == s {
			return i + 1
		}
	}
	return 0
}

// countTags counts a story's tags in the last four quarters (ago 0 to 3)
// or the four before.
func (c *counts) countTags(st *site.Story, ago quarter) {
	if ago < 0 || ago >= 8 {
		return
	}
	for _, t := range st.Story.Tags {
		n := c.tags[t]
		if n == nil {
			n = new([2]int)
			c.tags[t] = n
		}
		n[ago/4]++
	}
}

// ageBuckets bound the ages of open changes, in days.
var ageBuckets = [4]struct {
	upTo int
	name string
}{{30, "under 30 days"}, {90, "30 to 90 days"}, {180, "90 to 180 days"}, {1 << 30, "over 180 days"}}

func (c *counts) countChange(ch *story.Change, st *story.Story, q quarter) {
	c.changes++
	switch {
	case ch.Open():
		c.open[q]++
		age := follow.Days(st.Date, c.today)
		b := 0
		for age >= ageBuckets[b].upTo {
			b++
		}
		c.ages[b]++
		if follow.OverdueDays(ch, c.today) > 0 {
			c.overdue[b]++
		}
	case ch.Status == "done":
		c.done[q]++
		if !ch.Done.IsZero() {
			c.lead = append(c.lead, follow.Days(st.Date, ch.Done))
		}
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
