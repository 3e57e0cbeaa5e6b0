package check

import (
	"bytes"
	"maps"
	"net/url"
	"path"
	"slices"
	"strings"
	"sync"

	"oops/cmd/internal/render"
)

// A urlSet is what the built site answers: the paths of its pages and
// files, and the redirect rules of its _redirects file (aliases, and the
// rules that keep the pages of shortened lists).
type urlSet struct {
	pages map[string]bool // page URLs ("/stories/x/") and feeds
	files map[string]bool // every other path a file answers
	rules []rule
	exact map[string]int // the first rule for each path, of rules without a * or :name

	indexOnce        sync.Once
	sortedP, sortedF []string
}

// sortedPages and sortedFiles return the paths of pages and of files, sorted.
func (u *urlSet) sortedPages() []string { u.index(); return u.sortedP }
func (u *urlSet) sortedFiles() []string { u.index(); return u.sortedF }

// index makes, once, what finding paths in a large site takes.
func (u *urlSet) index() {
	u.indexOnce.Do(func() {
		u.sortedP = slices.Sorted(maps.Keys(u.pages))
		u.sortedF = slices.Sorted(maps.Keys(u.files))
		u.exact = map[string]int{}
		for i, r := range u.rules {
			if from := strings.TrimSuffix(r.from, "/"); !strings.ContainsAny(from, "*:") {
				if _, ok := u.exact[from]; !ok {
					u.exact[from] = i
				}
			}
		}
	})
}

// A rule is one line of _redirects: from may end in a * splat and hold
// :name placeholders, which to may use.
type rule struct{ from, to string }

// siteURLs lists what the site of r would answer, without rendering a page.
func siteURLs(r *render.Renderer) (*urlSet, error) {
	u := &urlSet{pages: map[string]bool{}, files: map[string]bool{}}
	var redirects *render.Job
	for _, j := range r.Jobs() {
		if j.URL != "" {
			u.pages[j.URL] = true
		}
		u.files["/"+j.Name] = true
		if j.Name == "_redirects" {
			redirects = j
		}
	}
	for _, name := range r.Assets.Names() {
		u.files["/"+name] = true
		if h := r.Assets.Get(name).Hashed; h != "" {
			u.files["/"+h] = true
		}
	}
	if redirects != nil {
		var buf bytes.Buffer
		if err := redirects.Run(&buf); err != nil {
			return nil, err
		}
		u.rules = parseRedirects(buf.String(), basePath(r.BaseURL))
	}
	return u, nil
}

// basePath is the path of the base URL, under which render puts every link.
func basePath(base string) string {
	if u, err := url.Parse(base); err == nil && u.Path != "" {
		return u.Path
	}
	return "/"
}

// parseRedirects reads Netlify's _redirects format: "from to [status]" a
// line, # comments. Paths lose the base path, to compare with page URLs.
func parseRedirects(text, base string) []rule {
	var rules []rule
	for _, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) < 2 || strings.HasPrefix(f[0], "#") {
			continue
		}
		rules = append(rules, rule{from: unbase(f[0], base), to: unbase(f[1], base)})
	}
	return rules
}

func unbase(p, base string) string {
	if rest, ok := strings.CutPrefix(p, base); ok {
		return "/" + rest
	}
	return p
}

// has reports whether the site answers p, a clean path: with a page or
// file, the page at p + "/" (as Netlify serves /x for /x/), or through
// redirects that end at one of those.
func (u *urlSet) has(p string) bool {
	for hops := 0; hops < 5; hops++ {
		if u.answers(p) {
			return true
		}
		to, ok := u.redirect(p)
		if !ok {
			return false
		}
		p = to
	}
	return false
}

// answers reports whether a page or file answers p itself.
func (u *urlSet) answers(p string) bool {
	if u.pages[p] || u.files[p] {
		return true
	}
	if !strings.HasSuffix(p, "/") {
		return u.pages[p+"/"]
	}
	return u.files[p+"index.html"]
}

// redirect returns where the first matching rule sends p. It tries the
// rules with a * or :name in turn, and finds the others by their path.
func (u *urlSet) redirect(p string) (string, bool) {
	u.index()
	first, ok := u.exact[strings.TrimSuffix(p, "/")]
	if !ok {
		first = len(u.rules)
	}
	for _, r := range u.rules[:first] {
		if strings.ContainsAny(r.from, "*:") {
			if to, ok := r.match(p); ok {
				return to, true
			}
		}
	}
	if ok {
		return u.rules[first].to, true
	}
	return "", false
}

// match applies the rule to p. As on Netlify, a trailing slash does not
// matter to a rule without a splat.
func (r rule) match(p string) (string, bool) {
	from, to := strings.Split(strings.TrimSuffix(r.from, "/"), "/"), r.to
	segs := strings.Split(strings.TrimSuffix(p, "/"), "/")
	for i, f := range from {
		if f == "*" {
			return strings.ReplaceAll(to, ":splat", strings.Join(segs[min(i, len(segs)):], "/")), true
		}
		if i >= len(segs) {
			return "", false
		}
		switch {
		case strings.HasPrefix(f, ":"):
			to = strings.ReplaceAll(to, f, segs[i])
		case f != segs[i]:
			return "", false
		}
	}
	if len(from) != len(segs) {
		return "", false
	}
	return to, true
}

// resolve returns the clean site path a link leads to from the page at
// base, and false for a link that leaves the site or stays on the page.
func resolve(base, dest string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Opaque != "" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if !strings.HasPrefix(p, "/") {
		p = path.Dir(base+"x") + "/" + p
	}
	clean := path.Clean(p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	return clean, true
}
