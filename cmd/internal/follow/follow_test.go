package follow

import (
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"oops/cmd/internal/site"
)

func day(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

func TestToday(t *testing.T) {
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return v
			}
			return ""
		}
	}
	now := time.Date(2030, 5, 6, 23, 59, 0, 0, time.FixedZone("east", 5*3600))
	for _, c := range []struct {
		epoch, want string
	}{
		{"", "2030-05-06"},           // the day of now, in UTC
		{"1717200000", "2024-06-01"}, // 2024-06-01 00:00:00 UTC
		{"1717286399", "2024-06-01"}, // its last second
	} {
		got, err := Today(env(c.epoch), now)
		if err != nil || got.Format(time.DateOnly) != c.want || got.Location() != time.UTC {
			t.Errorf("Today with SOURCE_DATE_EPOCH=%q = %v, %v; want %s UTC", c.epoch, got, err, c.want)
		}
	}
	if _, err := Today(env("next week"), now); err == nil || !strings.Contains(err.Error(), "SOURCE_DATE_EPOCH") {
		t.Errorf("a SOURCE_DATE_EPOCH that is no number: err = %v", err)
	}
}

func storyFile(title, date, changes string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\ntitle: " + title + "\ndate: " + date + "\nsummary: S.\ntags: [a]\nchanges:\n" + changes + "---\nBody.\n")}
}

func TestBoard(t *testing.T) {
	src := fstest.MapFS{
		"content/stories/new.md": storyFile("New", "2024-05-01",
			"  - what: due later\n    status: planned\n    owner: SRE\n    due: 2024-09-01\n"+
				"  - what: a little overdue\n    status: in-progress\n    owner: Platform Team\n    due: 2024-05-25\n"+
				"  - what: dropped\n    status: dropped\n"),
		"content/stories/old.md": storyFile("Old", "2023-01-01",
			"  - what: long overdue\n    status: planned\n    owner: platform team\n    due: 2023-06-01\n"+
				"  - what: no due date\n    status: planned\n"+
				"  - what: done late\n    status: done\n    owner: SRE\n    done: 2024-02-01\n"+
				"  - done, no date\n"+
				"  - what: done early\n    status: done\n    done: 2023-03-01\n"),
	}
	s, errs := site.Load(src, site.Options{})
	if errs.Errors() > 0 {
		t.Fatal(errs)
	}
	b := NewBoard(s, day("2024-06-01"))
	var order []string
	for _, it := range b.Items {
		order = append(order, it.Change().What)
	}
	want := "long overdue|a little overdue|due later|no due date|done late|done early|done, no date|dropped"
	if got := strings.Join(order, "|"); got != want {
		t.Errorf("board order:\n%s\nwant\n%s", got, want)
	}
	if got := b.Tally; got != (Tally{Done: 3, InProgress: 1, Planned: 3, Dropped: 1, Overdue: 2}) {
		t.Errorf("tally = %+v", got)
	}
	if got, want := b.Tally.Line(), "8 changes: 3 done, 1 in progress, 3 planned, 1 dropped; 2 overdue"; got != want {
		t.Errorf("line = %q, want %q", got, want)
	}
	if n := OverdueDays(b.Items[0].Change(), b.Today); n != 366 {
		t.Errorf("long overdue by %d days, want 366", n)
	}
	if got := len(b.View("overdue")); got != 2 {
		t.Errorf("overdue view has %d, want 2", got)
	}
	if len(b.Owners) != 2 || b.Owners[0].Name != "platform team" || b.Owners[0].Slug != "platform-team" ||
		b.Owners[0].Tally.Open() != 2 || b.Owners[0].Tally.Overdue != 2 || b.Owners[1].Name != "SRE" || b.Owners[1].Tally.Done != 1 {
		t.Errorf("owners = %+v %+v; want platform team (both spellings: 2 open, 2 overdue) and SRE", b.Owners[0], b.Owners[1])
	}
	if u := b.OwnerURL("Platform Team"); u != "/changes/owners/platform-team/" {
		t.Errorf("OwnerURL = %q", u)
	}
	if r := StoryTally(s.Story("old").Story, b.Today).Rollup(); r != "3 of 5 changes done, 1 overdue" {
		t.Errorf("rollup = %q", r)
	}
}
