package check

import (
	"time"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/follow"
	"oops/cmd/internal/story"
)

// checkChanges reviews the follow-through of a story's open changes:
// each should name who carries it and when it is due, and be done by then.
func (lib *library) checkChanges(st *story.Story) diag.List {
	var out diag.List
	for i := range st.Changes {
		c := &st.Changes[i]
		if !c.Open() {
			continue
		}
		note := out.Warnf
		if lib.opt.Strict {
			note = out.Errorf
		}
		if c.Owner == "" {
			note(st.File, c.At.Line, c.At.Col, "open change %q names no owner: add owner: with the team or person who carries it", c.What)
		}
		if c.Due.IsZero() {
			note(st.File, c.At.Line, c.At.Col, "open change %q has no due date: add due: YYYY-MM-DD, when it should be done", c.What)
		}
		if lib.opt.Today.IsZero() {
			continue
		}
		if n := follow.OverdueDays(c, lib.opt.Today); n > 0 {
			d := diag.Warnf(st.File, c.At.Line, c.At.Col, "change %q was due %s and is overdue by %d %s: finish it, set a new due date, or drop it",
				c.What, c.Due.Format(time.DateOnly), n, plural(n, "day", "days"))
			d.Standing = true
			out.Add(d)
		}
	}
	return out
}
