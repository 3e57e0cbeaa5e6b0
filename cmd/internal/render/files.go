package render

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"oops/cmd/internal/anchors"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func el(buf *bytes.Buffer, name, s string) {
	fmt.Fprintf(buf, "<%s>%s</%s>\n", name, text(s), name)
}

func text(s string) string {
	var b strings.Builder
	xml.EscapeText(&b, []byte(s))
	return b.String()
}

func attr(s string) string { return text(s) }

// public reports whether the site is open to search engines: a library
// whose settings say public, and not a deploy preview.
func (r *Renderer) public() bool {
	return !r.Preview && r.Site.Settings.Visibility == story.Public
}

// robotsJob writes robots.txt: an internal library or a deploy preview
// disallows everything and names no sitemap.
func (r *Renderer) robotsJob() *Job {
	return &Job{Name: "robots.txt", Sig: r.sig("robots").sum(), run: func(buf *bytes.Buffer) error {
		buf.WriteString("User-agent: *\n")
		if !r.public() {
			buf.WriteString("Disallow: /\n")
			return nil
		}
		buf.WriteString("Allow: /\n\nSitemap: " + r.abs("/sitemap.xml") + "\n")
		return nil
	}}
}

// headersJob writes Netlify's _headers: X-Robots-Tag: noindex on every path
// of an internal library or a deploy preview, and Basic-Auth on every path
// when the build was given credentials. It sets no header that
// netlify.toml sets.
func (r *Renderer) headersJob() *Job {
	sg := r.sig("headers").str(r.basicAuth)
	return &Job{Name: "_headers", Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		buf.WriteString("# Written by oops build: see \"Keeping the library internal\" in README.md.\n")
		if r.public() && r.basicAuth == "" {
			buf.WriteString("# A public library: no header of its own.\n")
			return nil
		}
		buf.WriteString(r.url("/*") + "\n")
		if !r.public() {
			buf.WriteString("  X-Robots-Tag: noindex\n")
		}
		if r.basicAuth != "" {
			buf.WriteString("  Basic-Auth: " + r.basicAuth + "\n")
		}
		return nil
	}}
}

// redirectsJob writes Netlify's _redirects: each alias, and for each paged
// list a rule that sends a page that no longer exists to the list's first
// page (Netlify applies a rule only where no file answers).
func (r *Renderer) redirectsJob() *Job {
	sg := r.sig("redirects")
	for _, rd := range r.Site.Redirects {
		sg.str(rd.From).str(rd.To)
	}
	return &Job{Name: "_redirects", Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		buf.WriteString("# Old URLs of pages (aliases in front matter).\n")
		for _, rd := range r.Site.Redirects {
			fmt.Fprintf(buf, "%s  %s  301\n", r.url(rd.From), r.url(rd.To))
		}
		buf.WriteString("# Pages of lists that have grown shorter.\n")
		for _, l := range []string{"/stories/", "/lessons/", "/changes/"} {
			fmt.Fprintf(buf, "%spage/*  %s  302\n", r.url(l), r.url(l))
		}
		fmt.Fprintf(buf, "%s  %s  302\n", r.url("/tags/:tag/page/*"), r.url("/tags/:tag/"))
		return nil
	}}
}

// maxSitemap is how many URLs one sitemap file may hold (sitemaps.org).
const maxSitemap = 50000

// sitemapJobs writes sitemap.xml, or, for a very large site, sitemap.xml as
// an index of sitemap-N.xml files.
func (r *Renderer) sitemapJobs(jobs []*Job) []*Job {
	var urls []string
	sg := r.sig("sitemap")
	for _, j := range jobs {
		if strings.HasSuffix(j.URL, "/") {
			urls = append(urls, j.URL)
			sg.str(j.URL)
		}
	}
	sum := sg.sum()
	sorted := sync.OnceValue(func() []string { return slices.Sorted(slices.Values(urls)) })
	if len(urls) <= maxSitemap {
		return []*Job{{Name: "sitemap.xml", Sig: sum, run: func(buf *bytes.Buffer) error {
			r.sitemap(buf, sorted())
			return nil
		}}}
	}
	var out []*Job
	var names []string
	for i := 0; i < len(urls); i += maxSitemap {
		name := "sitemap-" + strconv.Itoa(len(names)+1) + ".xml"
		names = append(names, name)
		out = append(out, &Job{Name: name, Sig: sum, run: func(buf *bytes.Buffer) error {
			r.sitemap(buf, sorted()[i:min(i+maxSitemap, len(urls))])
			return nil
		}})
	}
	out = append(out, &Job{Name: "sitemap.xml", Sig: sum, run: func(buf *bytes.Buffer) error {
		buf.WriteString(xml.Header + `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
		for _, n := range names {
			fmt.Fprintf(buf, "<sitemap><loc>%s</loc></sitemap>\n", text(r.abs("/"+n)))
		}
		buf.WriteString("</sitemapindex>\n")
		return nil
	}})
	return out
}

func (r *Renderer) sitemap(buf *bytes.Buffer, urls []string) {
	buf.WriteString(xml.Header + `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	for _, u := range urls {
		fmt.Fprintf(buf, "<url><loc>%s</loc>", text(r.abs(u)))
		if slug, ok := strings.CutPrefix(u, "/stories/"); ok {
			if st := r.Site.Story(strings.TrimSuffix(slug, "/")); st != nil {
				fmt.Fprintf(buf, "<lastmod>%s</lastmod>", isoDate(st.Date))
			}
		}
		buf.WriteString("</url>\n")
	}
	buf.WriteString("</urlset>\n")
}

// urlsJob writes urls.txt: the path of every page, one a line, sorted.
func urlsJob(jobs []*Job) *Job {
	var urls []string
	sg := &sig{}
	for _, j := range jobs {
		if j.URL != "" {
			urls = append(urls, j.URL)
			sg.str(j.URL)
		}
	}
	return &Job{Name: "urls.txt", Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		for _, u := range slices.Sorted(slices.Values(urls)) {
			buf.WriteString(u + "\n")
		}
		return nil
	}}
}

// anchorsJob writes anchors.txt: every lesson anchor of the site with a
// fingerprint of its lesson (see package anchors), so that a baseline
// knows what each anchor held.
func (r *Renderer) anchorsJob() *Job {
	sg := r.sig("anchors").stories(r.Site.Stories)
	return &Job{Name: anchors.File, Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		// Sorted by story, a story's lines sorted by anchor: sorted by
		// URL, as a story's path ends in the one slash its slug leaves.
		stories := slices.SortedFunc(slices.Values(r.Site.Stories), func(a, b *site.Story) int { return strings.Compare(a.URL, b.URL) })
		for _, st := range stories {
			buf.WriteString(r.storyAnchors(st))
		}
		return nil
	}}
}

// storyAnchors returns a story's lines of anchors.txt.
func (r *Renderer) storyAnchors(st *site.Story) string {
	key := pieceKey{meta: st.MetaHash, slug: st.Slug, kind: anchorsPiece}
	if s, ok := r.whole.get(key); ok {
		return s
	}
	list := make([]anchors.Anchor, len(st.Lessons))
	for i, l := range st.Lessons {
		list[i] = anchors.New(st.URL, st.Anchors[i], l)
	}
	s := string(anchors.Write(list))
	r.whole.put(key, s)
	return s
}
