package insights

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"oops/cmd/internal/site"
)

func load(t *testing.T, stories map[string]string) *site.Site {
	t.Helper()
	src := fstest.MapFS{"content/about.md": &fstest.MapFile{Data: []byte("---\ntitle: About\n---\n")}}
	for name, front := range stories {
		src["content/stories/"+name+".md"] = &fstest.MapFile{Data: []byte("---\ntitle: " + name + "\nsummary: S.\n" + front + "---\nBody.\n")}
	}
	s, errs := site.Load(src, site.Options{})
	if errs.Errors() > 0 {
		t.Fatal(errs)
	}
	return s
}

var today = time.Date(2024, 6, 1, 0, 0, 0, 0, time.UTC)

// TestCharts works out the charts of a small library whose numbers are
// known, and checks each table and finding.
func TestCharts(t *testing.T) {
	s := load(t, map[string]string{
		"a": "date: 2024-04-10\ntags: [db, deploys]\nseverity: high\nchanges:\n  - what: x\n    status: done\n    done: 2024-04-20\n  - what: y\n    status: planned\n    due: 2024-05-01\n",
		"b": "date: 2024-01-15\ntags: [db]\nseverity: low\nchanges:\n  - what: x\n    status: done\n    done: 2024-03-15\n  - what: y\n    status: in-progress\n",
		"c": "date: 2023-11-01\ntags: [db]\nseverity: critical\nchanges:\n  - what: x\n    status: done\n    done: 2023-11-11\n  - what: z\n    status: dropped\n",
		"d": "date: 2022-12-01\ntags: [deploys]\nchanges:\n  - what: y\n    status: planned\n    due: 2025-01-01\n",
	})
	in := New(s, today)
	if in.Stories != 4 || in.Changes != 7 || len(in.Charts) != 5 {
		t.Fatalf("%d stories, %d changes, %d charts", in.Stories, in.Changes, len(in.Charts))
	}
	for _, c := range []struct {
		id, caption string
		rows        string
	}{
		{"stories-by-time", "4 stories from 2022 Q4 to 2024 Q2, the most in 2022 Q4 (1); 50% of them high or critical.",
			"2022 Q4 1 0 0 0 0 1|2023 Q4 0 0 0 0 1 1|2024 Q1 0 1 0 0 0 1|2024 Q2 0 0 0 1 0 1"},
		{"changes-by-time", "Of the 6 changes the stories of 2022 Q4 to 2024 Q2 call for (leaving out those dropped), 50% are done and 3 still open. The oldest still open come from 2022 Q4.",
			"2022 Q4 0 1|2023 Q4 1 0|2024 Q1 1 1|2024 Q2 1 1"},
		{"open-by-age", "3 changes are open; 1 is over 180 days old, and 1 overdue.",
			"under 30 days 0 0|30 to 90 days 1 1|90 to 180 days 1 0|over 180 days 1 0"},
		{"days-to-done", "Half of the 3 changes with a done date were done within 10 days of their story; the middle half took 10 to 10 days.",
			"quickest 10|a quarter within 10|median 10|three quarters within 10|slowest 60|changes with a done date 3"},
		{"growing-tags", "db grew most: 3 stories in the last four quarters against 0 in the four before.",
			"db 0 3 +3"},
	} {
		ch := chart(in, c.id)
		if ch == nil {
			t.Errorf("no chart %s", c.id)
			continue
		}
		var rows []string
		for _, r := range ch.Rows {
			rows = append(rows, strings.Join(r, " "))
		}
		if ch.Empty != "" || ch.Caption != c.caption || strings.Join(rows, "|") != c.rows {
			t.Errorf("%s:\ncaption %q\nwant    %q\nrows %q\nwant %q\nempty %q", c.id, ch.Caption, c.caption, strings.Join(rows, "|"), c.rows, ch.Empty)
		}
		if len(ch.Bars) == 0 || ch.W == 0 || ch.H == 0 {
			t.Errorf("%s has nothing to draw", c.id)
		}
		for _, b := range ch.Bars {
			if b.X < 0 || b.Y < 0 || b.X+b.W > ch.W || b.Y+b.H > ch.H {
				t.Errorf("%s: bar %+v outside the picture %dx%d", c.id, b, ch.W, ch.H)
			}
		}
	}
}

func chart(in *Insights, id string) *Chart {
	for _, c := range in.Charts {
		if c.ID == id {
			return c
		}
	}
	return nil
}

// TestTinyLibrary: a library too small to chart gets a sentence instead.
func TestTinyLibrary(t *testing.T) {
	for n := range 3 {
		stories := map[string]string{}
		for i := range n {
			stories[fmt.Sprint("s", i)] = "date: 2024-01-01\ntags: [a]\n"
		}
		for _, ch := range New(load(t, stories), today).Charts {
			if ch.Empty == "" {
				t.Errorf("%d stories: chart %s has no sentence instead of its picture", n, ch.ID)
			}
		}
	}
}

// TestYears: a library that spans more quarters than a picture shows is
// drawn by year.
func TestYears(t *testing.T) {
	s := load(t, map[string]string{
		"a": "date: 2006-05-01\ntags: [a]\n", "b": "date: 2011-03-01\ntags: [a]\n", "c": "date: 2023-02-01\ntags: [a]\n",
	})
	ch := chart(New(s, today), "stories-by-time")
	if ch.Title != "Stories per year, by severity" || len(ch.Rows) != 3 || ch.Rows[0][0] != "2006" {
		t.Errorf("title %q, rows %v", ch.Title, ch.Rows)
	}
}
