package check

import (
	"io/fs"
	"maps"
	"runtime"
	"slices"
	"sync"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/front"
	"oops/cmd/internal/markdown"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// checkFiles reads every story again and checks its words, links and
// tags, and checks the links of every other page's body. odd maps the tags
// to give up to the warning their use gets.
func checkFiles(lib *library, odd map[string]string) diag.List {
	names := slices.Sorted(maps.Keys(lib.files.Stories))
	results := make([]diag.List, len(names))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := range next {
				results[i] = lib.checkStory(lib.files.Stories[names[i]], odd)
			}
		})
	}
	for i := range names {
		next <- i
	}
	close(next)
	wg.Wait()
	var out diag.List
	for _, r := range results {
		out.Append(r)
	}
	out.Append(lib.checkBodies())
	return out
}

// checkStory checks one story file.
func (lib *library) checkStory(st *story.Story, odd map[string]string) diag.List {
	src, err := fs.ReadFile(lib.src, st.File)
	if err != nil {
		return nil // the site has reported it
	}
	out := scanText(st.File, src, st.BodyLine)
	base := site.StoryURL(st.Slug)
	if body, line, err := st.Body(src); err == nil {
		out.Append(lib.checkLinks(st.File, base, body, line))
	}
	meta := lazyMeta(src)
	broken := 0
	for _, c := range st.Changes {
		if p, ok := resolve(base, c.Link); ok && c.Link != "" && !lib.urls.has(p) {
			at := findValue(meta(), "changes", "link", c.Link)
			out.Add(lib.brokenLink(st.File, at, c.Link, p, false, broken < maxHints))
			broken++
		}
	}
	out.Append(lib.checkChanges(st))
	for _, t := range st.Tags {
		if msg, ok := odd[t]; ok {
			at := findValue(meta(), "tags", "", t)
			out.Warnf(st.File, at.Line, at.Col, "%s", msg)
		}
	}
	return out
}

// checkBodies checks the links in the bodies of plain pages, reading
// paths, tag descriptions and the home page's introduction.
func (lib *library) checkBodies() diag.List {
	var out diag.List
	f := lib.files
	if s := f.Settings; s != nil {
		out.Append(lib.checkLinks(s.File, "/", s.Body, s.BodyLine))
	}
	for _, name := range slices.Sorted(maps.Keys(f.Pages)) {
		p := f.Pages[name]
		out.Append(lib.checkLinks(p.File, "/"+p.Name+"/", p.Body, p.BodyLine))
	}
	for _, name := range slices.Sorted(maps.Keys(f.Paths)) {
		p := f.Paths[name]
		out.Append(lib.checkLinks(p.File, "/paths/"+p.Name+"/", p.Body, p.BodyLine))
	}
	for _, name := range slices.Sorted(maps.Keys(f.Tags)) {
		t := f.Tags[name]
		out.Append(lib.checkLinks(t.File, "/tags/"+t.Name+"/", t.Body, t.BodyLine))
	}
	return out
}

// checkLinks checks the links of a Markdown body that starts on line
// bodyLine of file and is shown at the page URL base, and warns of the raw
// HTML it leaves out.
func (lib *library) checkLinks(file, base string, body []byte, bodyLine int) diag.List {
	var out diag.List
	res := markdown.Scan(body)
	for _, p := range res.Problems {
		out.Errorf(file, bodyLine+p.Line-1, p.Col, "%s", p.Msg)
	}
	for _, o := range res.Omitted {
		if o.Unclosed {
			out.Warnf(file, bodyLine+o.Line-1, o.Col, "this HTML comment is never closed, so everything after it is left out of the page: end it with -->")
		} else {
			out.Warnf(file, bodyLine+o.Line-1, o.Col, "raw HTML is left out of the page: write it in Markdown")
		}
	}
	broken := 0
	for _, l := range res.Links {
		p, ok := resolve(base, l.Dest)
		if !ok || lib.urls.has(p) {
			continue
		}
		at := story.Pos{Line: bodyLine + l.Line - 1, Col: l.Col}
		if l.Line == 0 {
			at = story.Pos{Line: bodyLine}
		}
		out.Add(lib.brokenLink(file, at, l.Dest, p, l.Image, broken < maxHints))
		broken++
	}
	return out
}

// lazyMeta returns a function that parses the front matter of src once,
// when it is first needed.
func lazyMeta(src []byte) func() *front.Value {
	var meta *front.Value
	return func() *front.Value {
		if meta == nil {
			if f, err := front.Parse(src); err == nil {
				meta = f.Meta
			} else {
				meta = &front.Value{}
			}
		}
		return meta
	}
}

// findValue finds where a list field of the front matter holds text: an
// item of the list, or with key set, the key's value in a map item.
func findValue(meta *front.Value, list, key, text string) story.Pos {
	v := meta.Get(list)
	if v == nil {
		return story.Pos{Line: meta.Line, Col: meta.Col}
	}
	for _, it := range v.Items {
		if key != "" {
			it = it.Get(key)
		}
		if it != nil && it.Kind == front.Scalar && it.Text == text {
			return story.Pos{Line: it.Line, Col: it.Col}
		}
	}
	return story.Pos{Line: v.Line, Col: v.Col}
}
