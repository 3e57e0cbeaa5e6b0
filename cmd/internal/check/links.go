package check

import (
	"fmt"
	"strings"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/story"
)

// maxHints is how many broken links of one file get a "did you mean":
// each looks through every page of the site.
const maxHints = 20

// brokenLink makes the diagnostic for a link to dest, the site path p,
// which the site does not answer; with hint, it names the nearest path
// the site has.
func (lib *library) brokenLink(file string, at story.Pos, dest, p string, image, hint bool) *diag.Diagnostic {
	what := "link to"
	if image {
		what = "image"
	}
	if slug, ok := storySlug(p); ok && lib.isDraft(slug) {
		return diag.Warnf(file, at.Line, at.Col, "%s %q: that story is a draft, so the link is broken until it is published", what, dest)
	}
	where := "that path"
	if clean, _ := resolve("/", dest); !strings.HasPrefix(dest, "/") || clean != p {
		where = p
	}
	msg := fmt.Sprintf("%s %q: no page, file or alias of this site is at %s", what, dest, where)
	if image || strings.Contains(lastSegment(p), ".") {
		msg += "; files such as images go in static/ (static/img/x.png is /img/x.png)"
	}
	near := ""
	if hint {
		near = lib.nearest(p, image)
	}
	if near != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", near)
	}
	return diag.Errorf(file, at.Line, at.Col, "%s", msg)
}

// storySlug returns the slug of a story URL.
func storySlug(p string) (string, bool) {
	rest, ok := strings.CutPrefix(p, "/stories/")
	if !ok {
		return "", false
	}
	rest = strings.TrimSuffix(rest, "/")
	return rest, rest != "" && !strings.Contains(rest, "/")
}

func lastSegment(p string) string {
	p = strings.TrimSuffix(p, "/")
	return p[strings.LastIndexByte(p, '/')+1:]
}

// isDraft reports whether a story left out as a draft has the slug.
func (lib *library) isDraft(slug string) bool {
	if lib.site.Story(slug) != nil {
		return false
	}
	for _, st := range lib.files.Stories {
		if st.Draft && st.Slug == slug {
			return true
		}
	}
	return false
}

// nearest returns the page (or, for an image, the file) whose path is
// most like p, or "" if none is much like it.
func (lib *library) nearest(p string, image bool) string {
	cands := lib.urls.sortedPages()
	if image || strings.Contains(lastSegment(p), ".") {
		cands = lib.urls.sortedFiles()
	}
	best, score := "", 0.5
	for _, u := range cands {
		if s := similarity(p, u); s > score {
			best, score = u, s
		}
	}
	return best
}

// similarity scores how alike two site paths are, from 0 to 1: paths in
// different sections score 0; otherwise the better of how many words of
// their last segments match (a word matches one it starts, or one a typo
// away) and how few letters differ.
func similarity(a, b string) float64 {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if section(a) != section(b) {
		return 0
	}
	x, y := lastSegment(a), lastSegment(b)
	if x == "" || y == "" {
		return 0
	}
	d := story.Distance(x, y)
	byLetters := 1 - float64(d)/float64(max(len(x), len(y)))
	return max(byLetters, wordScore(x, y))
}

// section is the first segment of a path with more than one: "stories"
// for "/stories/x/", "" for "/about/".
func section(p string) string {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	if len(segs) < 2 {
		return ""
	}
	return segs[0]
}

// wordScore is the Dice coefficient of the words of two slugs.
func wordScore(a, b string) float64 {
	wa, wb := strings.FieldsFunc(a, isSep), strings.FieldsFunc(b, isSep)
	if len(wa) == 0 || len(wb) == 0 {
		return 0
	}
	used := make([]bool, len(wb))
	matches := 0
	for _, x := range wa {
		for j, y := range wb {
			if !used[j] && sameWord(x, y) {
				used[j] = true
				matches++
				break
			}
		}
	}
	return 2 * float64(matches) / float64(len(wa)+len(wb))
}

func isSep(r rune) bool { return r == '-' || r == '_' || r == '.' }

func sameWord(x, y string) bool {
	if x == y {
		return true
	}
	if len(x) >= 3 && len(y) >= 3 && (strings.HasPrefix(x, y) || strings.HasPrefix(y, x)) {
		return true
	}
	return len(x) >= 4 && len(y) >= 4 && story.Distance(x, y) == 1
}
