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

	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// FeedSize is how many of the newest stories the Atom feed carries.
const FeedSize = 20

func (r *Renderer) feedJob() *Job {
	newest := r.Site.Stories[:min(FeedSize, len(r.Site.Stories))]
	sg := r.sig("feed")
	for _, st := range newest {
		sg.u64(st.Hash).str(st.Slug) // entries carry the stories' bodies
	}
	return &Job{Name: "feed.xml", URL: "/feed.xml", Sig: sg.sum(), run: func(buf *bytes.Buffer) error {
		return r.feed(buf, newest)
	}}
}

// feed writes the Atom feed of the newest stories. A feed cannot ask not
// to be indexed, so an internal library's entries carry each story's
// title, link and summary, and not its body.
func (r *Renderer) feed(buf *bytes.Buffer, newest []*site.Story) error {
	s := r.Site.Settings
	buf.WriteString(xml.Header)
	buf.WriteString(`<feed xmlns="http://www.w3.org/2005/Atom">` + "\n")
	el(buf, "title", s.Title)
	if s.Description != "" {
		el(buf, "subtitle", s.Description)
	}
	fmt.Fprintf(buf, "<link href=\"%s\"/>\n<link rel=\"self\" href=\"%s\"/>\n", attr(r.abs("/")), attr(r.abs("/feed.xml")))
	el(buf, "id", r.abs("/"))
	el(buf, "updated", atomTime(r.Site.Updated()))
	fmt.Fprintf(buf, "<author><name>%s</name></author>\n", text(s.Title))
	for _, st := range newest {
		res, err := r.storyBody(st)
		if err != nil {
			return err
		}
		buf.WriteString("<entry>\n")
		el(buf, "title", st.Title)
		fmt.Fprintf(buf, "<link href=\"%s\"/>\n", attr(r.abs(st.URL)))
		el(buf, "id", r.abs(st.URL))
		el(buf, "published", atomTime(st.Date))
		el(buf, "updated", atomTime(st.Date))
		for _, a := range st.Authors {
			fmt.Fprintf(buf, "<author><name>%s</name></author>\n", text(a))
		}
		for _, t := range st.Story.Tags {
			fmt.Fprintf(buf, "<category term=\"%s\"/>\n", attr(t))
		}
		el(buf, "summary", st.Summary)
		if r.Site.Settings.Visibility == story.Public {
			fmt.Fprintf(buf, "<content type=\"html\">%s</content>\n", text(res.HTML))
		}
		buf.WriteString("</entry>\n")
	}
	buf.WriteString("</feed>\n")
	return nil
}

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
