package check

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path"
	"slices"
	"strings"

	"oops/cmd/internal/anchors"
	"oops/cmd/internal/diag"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// readAnchors reads the anchors.txt beside a baseline's urls.txt (a file or
// an http(s) URL). A baseline without one, published before lesson anchors
// were recorded, has no anchors: nil, and no error.
func readAnchors(name string) ([]anchors.Anchor, error) {
	var data []byte
	var err error
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		i := strings.LastIndexByte(name, '/')
		name = name[:i+1] + anchors.File
		data, err = fetch(name)
		var se *statusError
		if errors.As(err, &se) && se.code == http.StatusNotFound {
			return nil, nil
		}
	} else {
		name = path.Join(path.Dir(strings.ReplaceAll(name, string(os.PathSeparator), "/")), anchors.File)
		data, err = os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil
		}
	}
	if err != nil {
		return nil, err
	}
	return anchors.Parse(name, data)
}

// checkAnchors reports each published lesson anchor that is gone from its
// story or now holds a different lesson. An anchor of a story whose page
// is gone is left to the check of lost URLs.
func checkAnchors(lib *library, b *Baseline) diag.List {
	var out diag.List
	for _, a := range b.Anchors {
		page, frag, _ := strings.Cut(a.URL, "#")
		st := lib.storyAt(page)
		if st == nil {
			continue
		}
		i := slices.Index(st.Anchors, frag)
		if i >= 0 && anchors.Same(a.Print, anchors.Fingerprint(st.Lessons[i])) {
			continue
		}
		out.Add(lib.movedLesson(a, frag, st, i))
	}
	return out
}

// storyAt returns the story at the path p, following redirects, or nil.
func (lib *library) storyAt(p string) *site.Story {
	for hops := 0; hops < 5; hops++ {
		to, ok := lib.urls.redirect(p)
		if !ok {
			break
		}
		p = to
	}
	slug, ok := strings.CutPrefix(p, "/stories/")
	if !ok {
		return nil
	}
	return lib.site.Story(strings.TrimSuffix(slug, "/"))
}

// movedLesson makes the error for a published anchor whose lesson is not
// where it was: st's lesson i now holds the anchor (-1 for none). It
// stands at the lesson the anchor held, if the story still has it, and
// says how to pin the anchor to it.
func (lib *library) movedLesson(a anchors.Anchor, frag string, st *site.Story, i int) *diag.Diagnostic {
	msg := fmt.Sprintf("published lesson anchor %s held the lesson %s", a.URL, anchors.Quote(a.Text))
	if i >= 0 {
		msg += ", and now holds " + anchors.Quote(st.Lessons[i])
	} else {
		msg += ", and is gone"
	}
	pin := func(text string) string { return fmt.Sprintf("{text: %s, anchor: %s}", anchors.Quote(text), frag) }
	j := slices.IndexFunc(st.Lessons, func(l string) bool { return anchors.Same(a.Print, anchors.Fingerprint(l)) })
	switch {
	case j >= 0:
		at := st.LessonsAt[j]
		msg += fmt.Sprintf(": the lesson it held is now on line %d: pin the anchor to it there: - %s", at.Line, pin(st.Lessons[j]))
		if i >= 0 {
			msg += fmt.Sprintf(", and give the lesson on line %d an anchor of its own", st.LessonsAt[i].Line)
		}
		return diag.Errorf(st.File, at.Line, at.Col, "%s", msg)
	case i >= 0:
		at := st.LessonsAt[i]
		msg += fmt.Sprintf(", a different lesson: links to it from elsewhere now lead there; keep the lesson it held at this anchor: - %s", pin(a.Text))
		return diag.Errorf(st.File, at.Line, at.Col, "%s", msg)
	}
	at := story.Pos{Line: st.BodyLine - 1, Col: 1} // where lessons: would go
	if len(st.LessonsAt) > 0 {
		at = st.LessonsAt[0]
	}
	msg += fmt.Sprintf(": links to it from elsewhere lead nowhere; keep the lesson it held: - %s", pin(a.Text))
	return diag.Errorf(st.File, at.Line, at.Col, "%s", msg)
}
