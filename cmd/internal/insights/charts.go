package insights

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// A period is a run of quarters a bar of a picture stands for.
type period struct {
	name     string
	from, to quarter
}

// maxYears is how many years a picture by year shows at most.
const maxYears = 24

// periods returns what the pictures by time show, ending with the later of
// today's quarter and the newest story's: quarters, while the library
// spans no more than maxCats of them, else years.
func (c *counts) periods() (unit string, ps []period) {
	last := max(c.last, quarterOf(c.today))
	if last-c.first < maxCats {
		for q := c.first; q <= last; q++ {
			ps = append(ps, period{q.String(), q, q})
		}
		return "quarter", ps
	}
	for y := max(int(c.first)/4, int(last)/4-maxYears+1); y <= int(last)/4; y++ {
		ps = append(ps, period{strconv.Itoa(y), quarter(4 * y), quarter(4*y + 3)})
	}
	return "year", ps
}

var severitySeries = []series{
	{"sev-none", "not rated"}, {"sev-low", "low"}, {"sev-medium", "medium"}, {"sev-high", "high"}, {"sev-critical", "critical"},
}

func (c *counts) severityChart() *Chart {
	unit, qs := c.periods()
	ch := &Chart{ID: "stories-by-time", Title: "Stories per " + unit + ", by severity",
		Head: []string{capital(unit), "not rated", "low", "medium", "high", "critical", "all"}}
	var cats []string
	var vals [][]int
	total, grave, most, mostQ := 0, 0, 0, period{}
	for _, q := range qs {
		v := make([]int, 5)
		for p := q.from; p <= q.to; p++ {
			if n := c.bySeverity[p]; n != nil {
				for i := range v {
					v[i] += n[i]
				}
			}
		}
		cats, vals = append(cats, q.name), append(vals, v)
		if sum(v) > 0 { // the table leaves out what has nothing to show
			ch.Rows = append(ch.Rows, append([]string{q.name}, itoas(append(v, sum(v)))...))
		}
		total, grave = total+sum(v), grave+v[3]+v[4]
		if sum(v) > most {
			most, mostQ = sum(v), q
		}
	}
	stacked(ch, cats, severitySeries, vals)
	if total == 0 {
		ch.Empty = fmt.Sprintf("No stories from %s to %s.", qs[0].name, qs[len(qs)-1].name)
		return ch
	}
	ch.Caption = fmt.Sprintf("%d %s from %s to %s, the most in %s (%d); %d%% of them high or critical.",
		total, plural(total, "story", "stories"), qs[0].name, qs[len(qs)-1].name, mostQ.name, most, percent(grave, total))
	return ch
}

func (c *counts) followChart() *Chart {
	unit, qs := c.periods()
	ch := &Chart{ID: "changes-by-time", Title: "Changes done and still open, by the " + unit + " of their story",
		Head: []string{capital(unit) + " of the story", "done", "still open"}}
	var cats []string
	var vals [][]int
	done, open, oldest := 0, 0, ""
	for _, q := range qs {
		v := []int{0, 0}
		for p := q.from; p <= q.to; p++ {
			v[0], v[1] = v[0]+c.done[p], v[1]+c.open[p]
		}
		cats, vals = append(cats, q.name), append(vals, v)
		if sum(v) > 0 {
			ch.Rows = append(ch.Rows, append([]string{q.name}, itoas(v)...))
		}
		done, open = done+v[0], open+v[1]
		if v[1] > 0 && oldest == "" {
			oldest = q.name
		}
	}
	stacked(ch, cats, []series{{"done", "done"}, {"open", "still open"}}, vals)
	if done+open == 0 {
		ch.Empty = "No story of these quarters names a change yet."
		return ch
	}
	ch.Caption = fmt.Sprintf("Of the %d changes the stories of %s to %s call for (leaving out those dropped), %d%% are done and %d still open.",
		done+open, qs[0].name, qs[len(qs)-1].name, percent(done, done+open), open)
	if oldest != "" {
		ch.Caption += fmt.Sprintf(" The oldest still open come from %s.", oldest)
	}
	return ch
}

func (c *counts) ageChart() *Chart {
	ch := &Chart{ID: "open-by-age", Title: "Age of the open changes, and how many are overdue",
		Head: []string{"Age (from the story)", "open", "of them overdue"}}
	var cats []string
	var vals [][]int
	open, overdue := 0, 0
	for i, b := range ageBuckets {
		cats = append(cats, b.name)
		vals = append(vals, []int{c.overdue[i], c.ages[i] - c.overdue[i]})
		ch.Rows = append(ch.Rows, []string{b.name, strconv.Itoa(c.ages[i]), strconv.Itoa(c.overdue[i])})
		open, overdue = open+c.ages[i], overdue+c.overdue[i]
	}
	stacked(ch, cats, []series{{"overdue", "overdue"}, {"open", "open, not overdue"}}, vals)
	if open == 0 {
		ch.Empty = "No change is open: every change named is done or dropped."
		return ch
	}
	ch.Caption = fmt.Sprintf("%d %s open; %d %s over 180 days old, and %d overdue.",
		open, plural(open, "change is", "changes are"), c.ages[3], plural(c.ages[3], "is", "are"), overdue)
	return ch
}

func (c *counts) leadChart() *Chart {
	ch := &Chart{ID: "days-to-done", Title: "Days from a story to its changes being done",
		Head: []string{"Measure", "days"}}
	if len(c.lead) < 2 {
		ch.Empty = "Too few changes give the date they were done (done: YYYY-MM-DD) to show how long changes take."
		return ch
	}
	slices.Sort(c.lead)
	q := [5]int{c.lead[0], at(c.lead, 1, 4), at(c.lead, 1, 2), at(c.lead, 3, 4), c.lead[len(c.lead)-1]}
	for i, name := range []string{"quickest", "a quarter within", "median", "three quarters within", "slowest"} {
		ch.Rows = append(ch.Rows, []string{name, strconv.Itoa(q[i])})
	}
	ch.Rows = append(ch.Rows, []string{"changes with a done date", strconv.Itoa(len(c.lead))})
	spread(ch, q)
	ch.Caption = fmt.Sprintf("Half of the %d changes with a done date were done within %d days of their story; the middle half took %d to %d days.",
		len(c.lead), q[2], q[1], q[3])
	return ch
}

// at returns the value num/den of the way through the sorted list.
func at(sorted []int, num, den int) int { return sorted[(len(sorted)-1)*num/den] }

// maxTags is how many growing tags the picture shows.
const maxTags = 8

func (c *counts) growthChart() *Chart {
	ch := &Chart{ID: "growing-tags", Title: "Tags that grew most in the last four quarters",
		Head: []string{"Tag", "four quarters before", "last four quarters", "growth"}}
	type growth struct {
		tag        string
		was, is, d int
	}
	var gs []growth
	for t, n := range c.tags {
		if n[0] > n[1] {
			gs = append(gs, growth{t, n[1], n[0], n[0] - n[1]})
		}
	}
	slices.SortFunc(gs, func(a, b growth) int { return cmp.Or(cmp.Compare(b.d, a.d), cmp.Compare(a.tag, b.tag)) })
	gs = gs[:min(len(gs), maxTags)]
	if len(gs) == 0 {
		ch.Empty = "No tag has more stories in the last four quarters than in the four before."
		return ch
	}
	var rows []string
	var vals [][]int
	for _, g := range gs {
		rows, vals = append(rows, g.tag), append(vals, []int{g.was, g.is})
		ch.Rows = append(ch.Rows, []string{g.tag, strconv.Itoa(g.was), strconv.Itoa(g.is), "+" + strconv.Itoa(g.d)})
	}
	hbars(ch, rows, []series{{"before", "four quarters before"}, {"recent", "last four quarters"}}, vals)
	ch.Caption = fmt.Sprintf("%s grew most: %d %s in the last four quarters against %d in the four before.",
		gs[0].tag, gs[0].is, plural(gs[0].is, "story", "stories"), gs[0].was)
	return ch
}

func capital(s string) string { return strings.ToUpper(s[:1]) + s[1:] }

// percent is part of whole as a rounded percentage.
func percent(part, whole int) int { return (part*200 + whole) / (2 * whole) }

func itoas(v []int) []string {
	out := make([]string, len(v))
	for i, n := range v {
		out[i] = strconv.Itoa(n)
	}
	return out
}
