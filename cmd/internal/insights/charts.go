package insights

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
)

// quarters returns the quarters the pictures by quarter show: up to
// maxCats of them, ending with the later of today's and the newest story's.
func (c *counts) quarters() []quarter {
	last := max(c.last, quarterOf(c.today))
	first := max(c.first, last-maxCats+1)
	var qs []quarter
	for q := first; q <= last; q++ {
		qs = append(qs, q)
	}
	return qs
}

var severitySeries = []series{
	{"sev-none", "not rated"}, {"sev-low", "low"}, {"sev-medium", "medium"}, {"sev-high", "high"}, {"sev-critical", "critical"},
}

func (c *counts) severityChart() *Chart {
	ch := &Chart{ID: "stories-by-quarter", Title: "Stories per quarter, by severity",
		Head: []string{"Quarter", "not rated", "low", "medium", "high", "critical", "all"}}
	qs := c.quarters()
	var cats []string
	var vals [][]int
	total, grave, most, mostQ := 0, 0, 0, quarter(0)
	for _, q := range qs {
		v := make([]int, 5)
		if n := c.bySeverity[q]; n != nil {
			copy(v, n[:])
		}
		cats, vals = append(cats, q.String()), append(vals, v)
		ch.Rows = append(ch.Rows, append([]string{q.String()}, itoas(append(v, sum(v)))...))
		total, grave = total+sum(v), grave+v[3]+v[4]
		if sum(v) > most {
			most, mostQ = sum(v), q
		}
	}
	stacked(ch, cats, severitySeries, vals)
	if total == 0 {
		ch.Empty = fmt.Sprintf("No stories in the %d quarters up to %s.", len(qs), qs[len(qs)-1])
		return ch
	}
	ch.Caption = fmt.Sprintf("%d %s from %s to %s, the most in %s (%d); %d%% of them high or critical.",
		total, plural(total, "story", "stories"), qs[0], qs[len(qs)-1], mostQ, most, percent(grave, total))
	return ch
}

func (c *counts) followChart() *Chart {
	ch := &Chart{ID: "changes-by-quarter", Title: "Changes done and still open, by the quarter of their story",
		Head: []string{"Quarter of the story", "done", "still open"}}
	qs := c.quarters()
	var cats []string
	var vals [][]int
	done, open, oldest := 0, 0, quarter(-1)
	for _, q := range qs {
		v := []int{c.done[q], c.open[q]}
		cats, vals = append(cats, q.String()), append(vals, v)
		ch.Rows = append(ch.Rows, append([]string{q.String()}, itoas(v)...))
		done, open = done+v[0], open+v[1]
		if v[1] > 0 && oldest < 0 {
			oldest = q
		}
	}
	stacked(ch, cats, []series{{"done", "done"}, {"open", "still open"}}, vals)
	if done+open == 0 {
		ch.Empty = "No story of these quarters names a change yet."
		return ch
	}
	ch.Caption = fmt.Sprintf("Of the %d changes the stories of %s to %s call for (leaving out those dropped), %d%% are done and %d still open.",
		done+open, qs[0], qs[len(qs)-1], percent(done, done+open), open)
	if oldest >= 0 {
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

// percent is part of whole as a rounded percentage.
func percent(part, whole int) int { return (part*200 + whole) / (2 * whole) }

func itoas(v []int) []string {
	out := make([]string, len(v))
	for i, n := range v {
		out[i] = strconv.Itoa(n)
	}
	return out
}
