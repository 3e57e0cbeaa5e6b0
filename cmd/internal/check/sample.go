package check

import (
	"bytes"
	"strings"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/render"
)

// renderSample renders, without writing it, one page of each shape the
// site has (the home page, a story, a tag, a list's second page, ...), so
// that a layout that fails only when it runs fails the check as it would
// fail the build, at a cost that does not grow with the library.
func renderSample(r *render.Renderer) diag.List {
	var errs diag.List
	seen := map[string]bool{}
	var buf bytes.Buffer
	for _, j := range r.Jobs() {
		sh := shape(j.Name)
		if seen[sh] {
			continue
		}
		seen[sh] = true
		buf.Reset()
		if err := j.Run(&buf); err != nil {
			if l := diag.As(err); l != nil {
				errs.Append(l)
			} else {
				errs.Errorf(j.Name, 0, 0, "cannot render: %v", err)
			}
		}
	}
	return errs
}

// fixed are the path segments that a page's output file shares with
// others of its shape.
var fixed = map[string]bool{
	"stories": true, "tags": true, "paths": true, "lessons": true, "changes": true,
	"page": true, "search": true, "index.html": true,
}

// shape is an output file's name with its names and numbers starred:
// "stories/x/index.html" and "stories/y/index.html" are one shape.
func shape(name string) string {
	segs := strings.Split(name, "/")
	if len(segs) == 1 {
		return name
	}
	for i, s := range segs {
		if !fixed[s] {
			segs[i] = "*"
		}
	}
	return strings.Join(segs, "/")
}
