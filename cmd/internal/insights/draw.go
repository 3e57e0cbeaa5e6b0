package insights

import (
	"strconv"
)

// The grid every picture is laid out on: a plot area inside margins for
// the axes' labels.
const (
	width   = 640
	height  = 240
	left    = 44
	right   = 12
	top     = 12
	bottom  = 36
	plotW   = width - left - right
	plotH   = height - top - bottom
	barGap  = 0.25 // of a category's width, left between bars
	maxCats = 12   // quarters a picture shows at most
)

// A series is one kind of the values stacked in a bar.
type series struct{ class, name string }

// stacked lays out ch as vertical bars, one per category, each stacking
// the values of the series (vals[category][series]), with a y axis of
// counts and the categories below.
func stacked(ch *Chart, cats []string, ser []series, vals [][]int) {
	ch.W, ch.H = width, height
	peak := 0
	for _, v := range vals {
		peak = max(peak, sum(v))
	}
	scale := niceCeil(peak)
	yAxis(ch, scale)
	step := float64(plotW) / float64(max(1, len(cats)))
	every := (len(cats) + 5) / 6 // label at most six categories
	for i, cat := range cats {
		x := left + int(float64(i)*step+step*barGap/2)
		w := max(1, int(step*(1-barGap)))
		y := top + plotH
		for k, s := range ser {
			n := vals[i][k]
			if n == 0 {
				continue
			}
			h := n * plotH / scale
			y -= h
			ch.Bars = append(ch.Bars, Shape{X: x, Y: y, W: w, H: h, Class: s.class})
		}
		if i%every == 0 || i == len(cats)-1 && len(cats) <= 6 {
			ch.Labels = append(ch.Labels, Label{X: x + w/2, Y: top + plotH + 18, Anchor: "middle", Class: "tick", Text: cat})
		}
	}
	for _, s := range ser {
		ch.Legend = append(ch.Legend, Key{s.class, s.name})
	}
}

// yAxis draws the baseline and three gridlines with their counts.
func yAxis(ch *Chart, scale int) {
	for i := 0; i <= 2; i++ {
		v := scale * i / 2
		y := top + plotH - v*plotH/scale
		class := "grid"
		if i == 0 {
			class = "axis"
		}
		ch.Lines = append(ch.Lines, Shape{X: left, Y: y, X2: left + plotW, Y2: y, Class: class})
		ch.Labels = append(ch.Labels, Label{X: left - 6, Y: y + 4, Anchor: "end", Class: "tick", Text: strconv.Itoa(v)})
	}
}

// niceCeil returns a round, even number at least n: 2, 4 or 10 times a
// power of ten, so that the gridline at its half is a whole number.
func niceCeil(n int) int {
	for p := 1; ; p *= 10 {
		for _, m := range []int{2, 4, 10} {
			if m*p >= n {
				return m * p
			}
		}
	}
}

// hbars lays out ch as horizontal bars in groups, one group a row (a tag),
// one bar of each series in it.
func hbars(ch *Chart, rows []string, ser []series, vals [][]int) {
	const labelW, rowH = 150, 30
	ch.W, ch.H = width, top+len(rows)*rowH+bottom
	peak := 1
	for _, v := range vals {
		for _, n := range v {
			peak = max(peak, n)
		}
	}
	scale := niceCeil(peak)
	plot := width - labelW - right
	barH := (rowH - 8) / len(ser)
	for i, row := range rows {
		y := top + i*rowH
		ch.Labels = append(ch.Labels, Label{X: labelW - 8, Y: y + rowH/2 + 2, Anchor: "end", Class: "tick", Text: row})
		for k, s := range ser {
			n := vals[i][k]
			w := n * plot / scale
			by := y + 4 + k*barH
			ch.Bars = append(ch.Bars, Shape{X: labelW, Y: by, W: max(w, 1), H: barH - 1, Class: s.class})
			ch.Labels = append(ch.Labels, Label{X: labelW + w + 4, Y: by + barH - 3, Anchor: "start", Class: "value", Text: strconv.Itoa(n)})
		}
	}
	base := top + len(rows)*rowH
	ch.Lines = append(ch.Lines, Shape{X: labelW, Y: top, X2: labelW, Y2: base, Class: "axis"})
	for _, s := range ser {
		ch.Legend = append(ch.Legend, Key{s.class, s.name})
	}
}

// spread lays out ch as a box plot along a horizontal axis of days: the
// whiskers from the least to the most, the box the middle half, a line at
// the median.
func spread(ch *Chart, q [5]int) {
	ch.W, ch.H = width, 120
	scale := niceCeil(max(q[4], 1))
	x := func(v int) int { return left + v*plotW/scale }
	mid := 50
	ch.Lines = append(ch.Lines,
		Shape{X: x(q[0]), Y: mid, X2: x(q[4]), Y2: mid, Class: "whisker"},
		Shape{X: x(q[0]), Y: mid - 12, X2: x(q[0]), Y2: mid + 12, Class: "whisker"},
		Shape{X: x(q[4]), Y: mid - 12, X2: x(q[4]), Y2: mid + 12, Class: "whisker"},
		Shape{X: left, Y: 90, X2: left + plotW, Y2: 90, Class: "axis"})
	ch.Bars = append(ch.Bars, Shape{X: x(q[1]), Y: mid - 20, W: max(1, x(q[3])-x(q[1])), H: 40, Class: "box"})
	ch.Lines = append(ch.Lines, Shape{X: x(q[2]), Y: mid - 20, X2: x(q[2]), Y2: mid + 20, Class: "median"})
	for i := 0; i <= 2; i++ {
		v := scale * i / 2
		ch.Labels = append(ch.Labels, Label{X: x(v), Y: 108, Anchor: "middle", Class: "tick", Text: strconv.Itoa(v) + " days"})
	}
	ch.Legend = []Key{{"box", "middle half of the changes"}, {"median", "median"}}
}

func sum(v []int) int {
	n := 0
	for _, x := range v {
		n += x
	}
	return n
}
