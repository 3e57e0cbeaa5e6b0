package check

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/front"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// checkBaseline reports each path of the baseline that the site neither
// has nor redirects.
func checkBaseline(lib *library, b *Baseline) diag.List {
	if len(lib.files.Stories) == 0 && lib.diags.Errors() > 0 {
		return nil // nothing could be read: every URL would look lost
	}
	published := map[string]bool{}
	for _, p := range b.Paths {
		published[p] = true
	}
	unread := lib.unreadStories()
	var out diag.List
	for i, p := range b.Paths {
		if lib.urls.has(p) || unread[p] {
			continue
		}
		out.Add(lib.lost(b, b.Lines[i], p, published))
	}
	out.Append(checkAnchors(lib, b))
	return out
}

// unreadStories returns the URLs that story files which could not be read
// at all would have, going by their names: the errors about those files say
// what to fix, and their URLs are not lost.
func (lib *library) unreadStories() map[string]bool {
	out := map[string]bool{}
	for name := range lib.files.Diags {
		if site.KindOf(name) != site.StoryFile || lib.files.Stories[name] != nil {
			continue
		}
		base := datePrefix.ReplaceAllString(path.Base(strings.TrimSuffix(name, ".md")), "")
		out["/stories/"+story.Slugify(base)+"/"] = true
	}
	return out
}

// datePrefix is the date a story's file name may start with, which its
// slug leaves out.
var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// lost makes the error for a published path p that is gone, at the file
// whose aliases should keep it when one can be guessed.
func (lib *library) lost(b *Baseline, line int, p string, published map[string]bool) *diag.Diagnostic {
	root := p
	for hops := 0; hops < 5; hops++ {
		to, ok := lib.urls.redirect(root)
		if !ok {
			break
		}
		root = to
	}
	msg := fmt.Sprintf("published URL %q has no page or redirect any more", p)
	if root != p {
		msg += fmt.Sprintf(" (it redirects to %q, which is gone too)", root)
	}
	g := lib.guess(root, published)
	switch {
	case g.file != "" && g.exists:
		at, line := lib.aliasesAt(g.file, root)
		if line != "" {
			return diag.Errorf(g.file, at.Line, at.Col, "%s: add the line %s to the front matter of %s", msg, line, g.file)
		}
		return diag.Errorf(g.file, at.Line, at.Col, "%s: add %q to aliases: in %s", msg, root, g.file)
	case g.file != "":
		return diag.Errorf(b.Name, line, 0, "%s: create %s with the front matter aliases: [%q]", msg, g.file, root)
	}
	return diag.Errorf(b.Name, line, 0, "%s: add %q to aliases: in %s", msg, root, g.kind)
}

// A guessed file is where an alias for a lost URL would go.
type guessed struct {
	kind   string // where an alias would go when no file is guessed
	file   string // "" if nothing is like the lost URL
	exists bool   // false for a tag description still to write
}

// guess finds the current story, tag, reading path or page most like the
// lost path p: first among those the published site did not have (a page
// that was renamed is new), then among all. Only one whose last segment
// shares words with p's is like it: letters in common are not enough to
// blame a lost URL on an unrelated page.
func (lib *library) guess(p string, published map[string]bool) guessed {
	type cand struct{ url, file string }
	var cands []cand
	var g guessed
	s := lib.site
	switch section(p) {
	case "stories":
		g.kind = "the story that takes its place"
		for _, st := range s.Stories {
			cands = append(cands, cand{st.URL, st.File})
		}
	case "tags":
		g.kind = "content/tags/TAG.md of the tag that takes its place (a new file needs no other field)"
		for _, t := range s.Tags {
			file := "content/tags/" + t.Name + ".md"
			if t.Desc != nil {
				file = t.Desc.File
			}
			cands = append(cands, cand{t.URL(), file})
		}
	case "paths":
		g.kind = "the reading path that takes its place"
		for _, sp := range s.Paths {
			cands = append(cands, cand{sp.URL(), sp.File})
		}
	default:
		g.kind = "the page that takes its place"
		for _, pg := range s.Pages {
			cands = append(cands, cand{pg.URL(), pg.File})
		}
	}
	for _, pass := range []struct {
		fresh bool
		min   float64
	}{{true, 0.34}, {false, 0.5}} {
		best := 0.0
		for _, c := range cands {
			if pass.fresh && published[c.url] {
				continue
			}
			if sc := wordsAlike(p, c.url); sc >= pass.min && sc > best {
				best, g.file = sc, c.file
			}
		}
		if g.file != "" {
			break
		}
	}
	if g.file != "" {
		_, err := fs.Stat(lib.src, g.file)
		g.exists = err == nil
	}
	return g
}

// wordsAlike scores how many words the last segments of two site paths in
// one section share, from 0 to 1.
func wordsAlike(a, b string) float64 {
	a, b = strings.ToLower(a), strings.ToLower(b)
	if section(a) != section(b) {
		return 0
	}
	return wordScore(lastSegment(a), lastSegment(b))
}

// aliasesAt returns where the aliases field of a file's front matter is.
// A file without one gets the line that would keep the URL p, and the
// position of its front matter's closing delimiter, before which it goes.
func (lib *library) aliasesAt(file, p string) (at story.Pos, line string) {
	src, err := fs.ReadFile(lib.src, file)
	if err != nil {
		return story.Pos{Line: 1, Col: 1}, ""
	}
	f, err := front.Parse(src)
	if err != nil {
		return story.Pos{Line: 1, Col: 1}, ""
	}
	for _, fld := range f.Meta.Fields {
		if fld.Key == "aliases" {
			return story.Pos{Line: fld.Line, Col: fld.Col}, ""
		}
	}
	line = fmt.Sprintf("aliases: [%q]", p)
	if f.Format == "toml" {
		line = fmt.Sprintf("aliases = [%q]", p)
	}
	return story.Pos{Line: f.BodyLine - 1, Col: 1}, line
}
