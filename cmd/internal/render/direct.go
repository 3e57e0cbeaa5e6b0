package render

// Pages and cards written in Go.
//
// A library of 10,000 stories has 10,000 story pages and 30,000 cards (two
// sizes, and the body they share): most of a build's template work. Every
// value they show is an html/template action, and an action costs 2 to
// 5 µs, most of it text/template calling escapers and layout functions
// through reflection. While a site uses the default layouts for them, the
// renderer writes these here instead, byte for byte as the layouts would,
// each value escaped as html/template escapes it in its place on the page.
// A layout of the site's own is always executed. The pages of lists of
// stories, lessons and changes are left to their layouts: written here,
// they saved a tenth of a build's CPU at most (BENCHMARKS.md).
//
// TestDirect renders whole libraries both ways, with hostile text in every
// field, and requires the same bytes; FuzzEscape holds the escapers below
// to html/template's own.

import (
	"bytes"
	"io/fs"
	"strconv"
	"strings"
	"time"

	"oops"
	"oops/cmd/internal/site"
)

// directLayouts returns what is written in Go for the layouts srcs (by
// file name): "card" (the cards of stories) while partials.html is the
// default, and "story" (the story page) while base.html and story.html
// are too. The links, header and footer of a page (chrome.html) are
// executed as templates here as well, so a site's own leave both on.
func directLayouts(srcs map[string][]byte) map[string]bool {
	same := func(name string) bool {
		own, ok := srcs[name]
		def, err := fs.ReadFile(oops.Defaults, "layouts/"+name)
		return ok && err == nil && bytes.Equal(own, def)
	}
	if !same("partials.html") {
		return nil
	}
	direct := map[string]bool{"card": true}
	if same("base.html") && same("story.html") {
		direct["story"] = true
	}
	return direct
}

// storyPage writes a story's page as base.html and story.html do.
func (r *Renderer) storyPage(b *bytes.Buffer, p *Page) error {
	if err := r.pageHead(b, p); err != nil {
		return err
	}
	if err := r.storyMain(b, p); err != nil {
		return err
	}
	footer, err := r.chrome("footer", p)
	if err != nil {
		return err
	}
	b.WriteString("\n</main>\n")
	b.WriteString(string(footer))
	b.WriteString("\n</body>\n</html>\n")
	return nil
}

// pageHead writes base.html up to the page's "main".
func (r *Renderer) pageHead(b *bytes.Buffer, p *Page) error {
	title := p.Settings.Title
	b.WriteString("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n" +
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
	if p.Title != "" {
		escText(b, p.Title)
		b.WriteString(" · ")
	}
	escText(b, title)
	b.WriteString("</title>\n")
	if p.Description != "" {
		attrLine(b, `<meta name="description" content="`, p.Description)
	}
	b.WriteString(`<link rel="canonical" href="`)
	escURL(b, p.Canonical)
	b.WriteString("\">\n")
	attrLine(b, `<meta property="og:site_name" content="`, title)
	attrLine(b, `<meta property="og:title" content="`, either(p.Title, title))
	if p.Description != "" {
		attrLine(b, `<meta property="og:description" content="`, p.Description)
	}
	attrLine(b, `<meta property="og:url" content="`, p.Canonical)
	if p.Story != nil {
		b.WriteString("<meta property=\"og:type\" content=\"article\">\n")
	} else {
		b.WriteString("<meta property=\"og:type\" content=\"website\">\n")
	}
	b.WriteString("<meta name=\"twitter:card\" content=\"summary\">\n")
	if p.NoIndex() {
		b.WriteString("<meta name=\"robots\" content=\"noindex, nofollow\">\n")
	}
	b.WriteString("<meta name=\"color-scheme\" content=\"light dark\">\n")
	if p.Feed != nil {
		b.WriteString(`<link rel="alternate" type="application/atom+xml" title="`)
		escText(b, p.Feed.Title)
		b.WriteString(`" href="`)
		escURL(b, r.url(p.Feed.URL))
		b.WriteString("\">\n")
	}
	links, err := r.chrome("links", p)
	if err != nil {
		return err
	}
	b.WriteString(string(links))
	b.WriteString("\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n")
	if p.Preview {
		b.WriteString("<div class=\"preview-banner\" role=\"note\"><strong>Deploy preview</strong> of a proposed change. This is not the published library.</div>\n")
	}
	header, err := r.chrome("header", p)
	if err != nil {
		return err
	}
	b.WriteString(string(header))
	b.WriteString("\n<main id=\"main\" class=\"wrap\">\n")
	return nil
}

// either returns a if it is not empty, else b, as the layouts' "or" does.
func either(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// attrLine writes open, the attribute value v and `">` and a newline.
func attrLine(b *bytes.Buffer, open, v string) {
	b.WriteString(open)
	escText(b, v)
	b.WriteString("\">\n")
}

// storyMain writes story.html's "main".
func (r *Renderer) storyMain(b *bytes.Buffer, p *Page) error {
	st := p.Story
	b.WriteString("\n<article class=\"story\">\n<header class=\"story-head\">\n<p class=\"kicker\">")
	anchor(b, r.url("/stories/"), "Stories")
	b.WriteString("</p>\n<h1>")
	escText(b, st.Title)
	b.WriteString("</h1>\n<p class=\"lead\">")
	escText(b, st.Summary)
	b.WriteString("</p>\n<p class=\"meta\">")
	storyDate(b, st)
	if len(st.Authors) > 0 {
		b.WriteString(" · told by ")
		escText(b, strings.Join(st.Authors, ", "))
	}
	b.WriteString("</p>\n")
	if p.Rollup != "" {
		b.WriteString("<p class=\"rollup\"><a href=\"#changes\">")
		escText(b, p.Rollup)
		b.WriteString("</a></p>")
	}
	b.WriteString("\n")
	if err := r.tagList(b, st.Tags); err != nil {
		return err
	}
	b.WriteString("\n</header>\n")
	storyFacts(b, st)
	b.WriteString("\n")
	storyLessons(b, p.Lessons)
	b.WriteString("\n\n<div class=\"prose\">\n")
	b.WriteString(string(p.Body))
	b.WriteString("\n</div>\n")
	r.storyChanges(b, p.Changes)
	b.WriteString("\n")
	r.storyTrails(b, p.Trails)
	b.WriteString("\n")
	if len(st.Related) > 0 {
		b.WriteString("<section class=\"related\" aria-labelledby=\"related\">\n<h2 id=\"related\">Related stories</h2>\n<ul class=\"cards compact\">\n")
		if err := r.writeCards(b, st.Related, 1); err != nil {
			return err
		}
		b.WriteString("\n</ul>\n</section>")
	}
	b.WriteString("\n")
	if u := r.editURL(st.File); u != "" {
		b.WriteString("<p class=\"edit\">")
		anchor(b, u, "Edit this story")
		b.WriteString("</p>")
	}
	b.WriteString("\n</article>\n")
	return nil
}

// storyDate writes the <time> of a story, as its page and cards show it.
func storyDate(b *bytes.Buffer, st *site.Story) { timeTag(b, st.Date) }

// tagList writes partials.html's "taglist".
func (r *Renderer) tagList(b *bytes.Buffer, tags []*site.Tag) error {
	if len(tags) == 0 {
		return nil
	}
	b.WriteString("<ul class=\"tags\" aria-label=\"Tags\">")
	for _, t := range tags {
		l, err := r.tagLink(t)
		if err != nil {
			return err
		}
		b.WriteString("<li>")
		b.WriteString(string(l))
		b.WriteString("</li>")
	}
	b.WriteString("</ul>")
	return nil
}

// storyFacts writes a story's severity, duration and impact.
func storyFacts(b *bytes.Buffer, st *site.Story) {
	if st.Severity == "" && st.Impact == "" && st.Duration == "" {
		return
	}
	b.WriteString("<dl class=\"facts\">\n")
	if st.Severity != "" {
		b.WriteString("<div><dt>Severity</dt><dd>")
		severity(b, st.Severity)
		b.WriteString("</dd></div>")
	}
	b.WriteString("\n")
	if st.Duration != "" {
		b.WriteString("<div><dt>Duration</dt><dd>")
		escText(b, st.Duration)
		b.WriteString("</dd></div>")
	}
	b.WriteString("\n")
	if st.Impact != "" {
		b.WriteString("<div class=\"wide\"><dt>Impact</dt><dd>")
		escText(b, st.Impact)
		b.WriteString("</dd></div>")
	}
	b.WriteString("\n</dl>")
}

// severity writes a story's severity badge.
func severity(b *bytes.Buffer, s string) {
	b.WriteString("<span class=\"sev sev-")
	escText(b, s)
	b.WriteString("\">")
	escText(b, s)
	b.WriteString("</span>")
}

// storyLessons writes the numbered lessons of a story.
func storyLessons(b *bytes.Buffer, ls []Lesson) {
	if len(ls) == 0 {
		return
	}
	b.WriteString("<section class=\"lessons\" aria-labelledby=\"lessons\">\n<h2 id=\"lessons\">Lessons</h2>\n<ol>\n")
	for _, l := range ls {
		b.WriteString("<li id=\"" + l.Anchor + "\">")
		escText(b, l.Text)
		b.WriteString(" <a class=\"anchor\" href=\"#" + l.Anchor + "\" aria-label=\"Link to lesson " + strconv.Itoa(l.Number) + "\">#</a></li>\n")
	}
	b.WriteString("</ol>\n</section>")
}

// storyChanges writes what changed after a story, each change with its
// status and what it is, linked if it has a link.
func (r *Renderer) storyChanges(b *bytes.Buffer, cs []Change) {
	if len(cs) == 0 {
		return
	}
	b.WriteString("<section class=\"changes\" aria-labelledby=\"changes\">\n<h2 id=\"changes\">What changed afterward</h2>\n<ul class=\"change-list\">\n")
	for _, c := range cs {
		r.writeChange(b, c)
	}
	b.WriteString("</ul>\n</section>")
}

// writeChange writes partials.html's "change": an item of a list of
// changes, with who carries it, when it is due or was done, and the story
// it came from if it says so.
func (r *Renderer) writeChange(b *bytes.Buffer, c Change) {
	b.WriteString("<li")
	if c.Overdue > 0 {
		b.WriteString(" class=\"is-overdue\"")
	}
	b.WriteString("><span class=\"status status-")
	escText(b, c.Status)
	b.WriteString("\">")
	escText(b, c.Label)
	b.WriteString("</span> <span class=\"what\">")
	if c.Link != "" {
		anchor(b, r.link(c.Link), c.What)
	} else {
		escText(b, c.What)
	}
	b.WriteString("</span>")
	if c.Detail {
		r.changeDetail(b, c)
	}
	if c.From {
		b.WriteString(" <span class=\"from\">after ")
		anchor(b, c.StoryURL, c.Story.Title)
		b.WriteString("</span>")
	}
	b.WriteString("</li>\n")
}

// changeDetail writes who carries a change and its dates.
func (r *Renderer) changeDetail(b *bytes.Buffer, c Change) {
	b.WriteString(" <span class=\"follow\">")
	if c.Owner != "" {
		b.WriteString("<span>carried by ")
		anchor(b, r.url(c.OwnerURL), c.Owner)
		b.WriteString("</span>")
	}
	if c.HasDue {
		b.WriteString("<span>due ")
		timeTag(b, c.Due)
		b.WriteString("</span>")
	}
	if c.Overdue > 0 {
		b.WriteString("<strong class=\"overdue\">" + overdueText(c.Overdue) + "</strong>")
	}
	if c.HasDone {
		b.WriteString("<span>done ")
		timeTag(b, c.Done)
		b.WriteString("</span>")
	}
	b.WriteString("</span>")
}

// timeTag writes a date as a <time>.
func timeTag(b *bytes.Buffer, t time.Time) {
	b.WriteString("<time datetime=\"")
	escText(b, isoDate(t))
	b.WriteString("\">")
	escText(b, fmtDate(t))
	b.WriteString("</time>")
}

// storyTrails writes where a story stands on the reading paths it is on.
func (r *Renderer) storyTrails(b *bytes.Buffer, ts []Trail) {
	for _, t := range ts {
		b.WriteString("<nav class=\"trail\" aria-label=\"Reading path ")
		escText(b, t.Path.Title)
		b.WriteString("\">\n<p>On the reading path ")
		anchor(b, r.url(t.Path.URL()), t.Path.Title)
		b.WriteString(": story " + strconv.Itoa(t.Number) + " of " + strconv.Itoa(len(t.Path.Stories)) + ".</p>\n<p class=\"trail-links\">")
		if t.Prev != nil {
			b.WriteString("<a rel=\"prev\" href=\"")
			escURL(b, r.url(t.Prev.URL))
			b.WriteString("\">← ")
			escText(b, t.Prev.Title)
			b.WriteString("</a>")
		}
		if t.Next != nil {
			b.WriteString("<a rel=\"next\" href=\"")
			escURL(b, r.url(t.Next.URL))
			b.WriteString("\">")
			escText(b, t.Next.Title)
			b.WriteString(" →</a>")
		}
		b.WriteString("</p>\n</nav>\n")
	}
}

// directCard writes partials.html's "card" (variant 0), "card3" (1) or
// "cardbody" (2) of a story.
func (r *Renderer) directCard(b *bytes.Buffer, st *site.Story, variant int) error {
	if variant == 2 {
		return r.cardBody(b, st)
	}
	body, err := r.card(st, 2)
	if err != nil {
		return err
	}
	h := "h2"
	if variant == 1 {
		h = "h3"
	}
	b.WriteString("<li class=\"card\">\n<" + h + " class=\"card-title\">")
	anchor(b, r.url(st.URL), st.Title)
	b.WriteString("</" + h + ">\n")
	b.WriteString(string(body))
	b.WriteString("\n</li>\n")
	return nil
}

// cardBody writes what a card shows below its title.
func (r *Renderer) cardBody(b *bytes.Buffer, st *site.Story) error {
	b.WriteString("<p class=\"meta\">")
	storyDate(b, st)
	if st.Severity != "" {
		b.WriteString(" ")
		severity(b, st.Severity)
	}
	b.WriteString("</p>\n<p class=\"summary\">")
	escText(b, st.Summary)
	b.WriteString("</p>\n")
	if ru := r.rollup(st); ru != "" {
		b.WriteString("<p class=\"rollup\">")
		escText(b, ru)
		b.WriteString("</p>\n")
	}
	if err := r.tagList(b, first(8, st.Tags)); err != nil {
		return err
	}
	if n := more(8, st.Tags); n > 0 {
		b.WriteString("<p class=\"meta\">and " + strconv.Itoa(n) + " more " + plural(n, "tag", "tags") + "</p>")
	}
	return nil
}

// anchor writes a link, <a href="href">text</a>.
func anchor(b *bytes.Buffer, href, text string) {
	b.WriteString(`<a href="`)
	escURL(b, href)
	b.WriteString(`">`)
	escText(b, text)
	b.WriteString("</a>")
}

// escText writes s as html/template writes a string into text, a quoted
// attribute value or a <title> (its htmlEscaper, attrEscaper and
// rcdataEscaper): NUL, quotes, ampersand, plus and angle brackets are
// replaced, everything else is left as it is. No byte of a multi-byte
// UTF-8 sequence is among those, so the bytes can be looked at one by one.
func escText(b *bytes.Buffer, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var repl string
		switch s[i] {
		case 0:
			repl = "\uFFFD"
		case '"':
			repl = "&#34;"
		case '&':
			repl = "&amp;"
		case '\'':
			repl = "&#39;"
		case '+':
			repl = "&#43;"
		case '<':
			repl = "&lt;"
		case '>':
			repl = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(repl)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// escURL writes s as html/template writes a string into a quoted URL
// attribute (its urlFilter, urlNormalizer and attrEscaper, one after
// another): a URL whose scheme is not http, https or mailto becomes
// "#ZgotmplZ"; bytes a URL may not hold are percent-encoded, except that
// a valid escape is kept; and the ampersands and pluses left are escaped.
func escURL(b *bytes.Buffer, s string) {
	if !safeScheme(s) {
		s = "#ZgotmplZ"
	}
	last := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
			continue
		case strings.IndexByte("!#$*,/:;=?@[]-._~", c) >= 0:
			continue
		case c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]):
			continue
		}
		b.WriteString(s[last:i])
		switch c {
		case '&':
			b.WriteString("&amp;")
		case '+':
			b.WriteString("&#43;")
		default:
			b.WriteByte('%')
			b.WriteByte(lowerHex[c>>4])
			b.WriteByte(lowerHex[c&15])
		}
		last = i + 1
	}
	b.WriteString(s[last:])
}

const lowerHex = "0123456789abcdef"

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// safeScheme reports whether html/template lets a URL through: one with
// no scheme, or http, https or mailto.
func safeScheme(s string) bool {
	if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") {
		return strings.EqualFold(scheme, "http") || strings.EqualFold(scheme, "https") || strings.EqualFold(scheme, "mailto")
	}
	return true
}
