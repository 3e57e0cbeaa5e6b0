package webtest

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// libraries are the libraries every test over built pages checks: the
// repository's own, a small one with a page of every kind, and one full of
// script payloads.
var libraries = []struct {
	name string
	src  func(t testing.TB) string
}{
	{"repository", func(testing.TB) string { return "../../.." }},
	{"library.txtar", func(t testing.TB) string { return libraryFrom(t, "library.txtar") }},
	{"xss.txtar", func(t testing.TB) string { return libraryFrom(t, "xss.txtar") }},
}

// TestPagesAreValidHTML checks every page of every library: well-formed
// (every element closed, in order, and no block element inside a <p>),
// ids unique and every in-page reference to an id (href="#…", for,
// aria-labelledby, aria-describedby, aria-controls) pointing at one, one
// h1, a lang, a title, alt on every image, and nothing the site's CSP
// would block: no inline script, style attribute or event handler.
func TestPagesAreValidHTML(t *testing.T) {
	for _, lib := range libraries {
		t.Run(lib.name, func(t *testing.T) {
			dest := buildSite(t, lib.src(t))
			for _, p := range pagePaths(t, dest) {
				data, err := os.ReadFile(pageFile(dest, p))
				if err != nil {
					t.Errorf("%s: %v", p, err)
					continue
				}
				for _, problem := range validate(data) {
					t.Errorf("%s: %s", p, problem)
				}
			}
		})
	}
}

// voids are the elements that have no end tag.
var voids = set("area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr")

// blocks are the elements that close an open <p>: inside one, the page
// would not be the tree its source shows.
var blocks = set("address", "article", "aside", "blockquote", "details", "div", "dl", "fieldset", "figcaption",
	"figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "main", "menu",
	"nav", "ol", "p", "pre", "section", "table", "ul")

func set(names ...string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		m[n] = true
	}
	return m
}

// validate returns the problems of one page.
func validate(page []byte) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	if !bytes.HasPrefix(page, []byte("<!doctype html>")) {
		add("does not start with <!doctype html>")
	}
	ids := map[string]int{}
	var refs []string // ids referred to
	var stack []string
	h1s, titles := 0, 0
	z := html.NewTokenizer(bytes.NewReader(page))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			if z.Err() != io.EOF {
				add("tokenizer: %v", z.Err())
			}
			break
		}
		tok := z.Token()
		switch tt {
		case html.StartTagToken, html.SelfClosingTagToken:
			name := tok.Data
			if blocks[name] && len(stack) > 0 && contains(stack, "p") {
				add("<%s> inside a <p>", name)
			}
			problems = append(problems, checkElement(tok, stack, ids, &refs)...)
			switch name {
			case "h1":
				h1s++
			case "title":
				titles++
			case "html":
				if attr(tok, "lang") == "" {
					add("<html> has no lang")
				}
			}
			if tt == html.StartTagToken && !voids[name] {
				stack = append(stack, name)
			}
		case html.EndTagToken:
			if voids[tok.Data] {
				add("end tag </%s> of a void element", tok.Data)
				continue
			}
			if len(stack) == 0 || stack[len(stack)-1] != tok.Data {
				add("</%s> closes <%s>", tok.Data, strings.Join(stack[max(0, len(stack)-1):], ""))
				if i := lastIndex(stack, tok.Data); i >= 0 {
					stack = stack[:i]
				}
				continue
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		add("elements never closed: %v", stack)
	}
	if h1s != 1 {
		add("%d h1 elements, want 1", h1s)
	}
	if titles != 1 {
		add("%d title elements, want 1", titles)
	}
	for id, n := range ids {
		if n > 1 {
			add("id %q used %d times", id, n)
		}
	}
	for _, r := range refs {
		if ids[r] == 0 {
			add("refers to id %q, which is not on the page", r)
		}
	}
	return problems
}

// checkElement checks the attributes of one element, counting its id and
// the ids it refers to.
func checkElement(tok html.Token, stack []string, ids map[string]int, refs *[]string) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
	seen := map[string]bool{}
	for _, a := range tok.Attr {
		if seen[a.Key] {
			add("<%s> has %s twice", tok.Data, a.Key)
		}
		seen[a.Key] = true
		switch {
		case a.Key == "id":
			if a.Val == "" || strings.ContainsAny(a.Val, " \t\n") {
				add("<%s> has id %q: ids are not empty and have no spaces", tok.Data, a.Val)
			}
			ids[a.Val]++
		case a.Key == "style":
			add("<%s> has a style attribute, which the CSP blocks", tok.Data)
		case strings.HasPrefix(a.Key, "on"):
			add("<%s> has an event handler %s, which the CSP blocks", tok.Data, a.Key)
		case a.Key == "for" || a.Key == "aria-labelledby" || a.Key == "aria-describedby" || a.Key == "aria-controls":
			*refs = append(*refs, strings.Fields(a.Val)...)
		case a.Key == "href" && strings.HasPrefix(a.Val, "#") && len(a.Val) > 1:
			*refs = append(*refs, a.Val[1:])
		case (a.Key == "href" || a.Key == "src") && isScriptURL(a.Val):
			add("<%s %s=%q> carries a script URL", tok.Data, a.Key, a.Val)
		}
	}
	switch tok.Data {
	case "img":
		if !seen["alt"] {
			add("<img src=%q> has no alt", attr(tok, "src"))
		}
	case "script":
		if attr(tok, "src") == "" {
			add("inline <script>, which the CSP blocks")
		}
	case "style":
		add("inline <style>, which the CSP blocks")
	case "a":
		if !seen["href"] && !seen["id"] {
			add("<a> with neither href nor id")
		}
	}
	return problems
}

func isScriptURL(u string) bool {
	u = strings.ToLower(strings.Map(func(r rune) rune {
		if r <= ' ' {
			return -1
		}
		return r
	}, u))
	return strings.HasPrefix(u, "javascript:") || strings.HasPrefix(u, "vbscript:") || strings.HasPrefix(u, "data:text/html")
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func contains(s []string, v string) bool { return lastIndex(s, v) >= 0 }

func lastIndex(s []string, v string) int {
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] == v {
			return i
		}
	}
	return -1
}

// TestValidateFindsProblems checks the checker on pages with one problem each.
func TestValidateFindsProblems(t *testing.T) {
	const head = `<!doctype html><html lang="en"><head><title>T</title></head><body><h1>H</h1>`
	for _, tc := range []struct{ page, want string }{
		{head + `</body></html>`, ""},
		{`<!doctype html><html><head><title>T</title></head><body><h1>H</h1></body></html>`, "no lang"},
		{head + `<h1>Again</h1></body></html>`, "2 h1 elements"},
		{head + `<p id="a"></p><p id="a"></p></body></html>`, `id "a" used 2 times`},
		{head + `<img src="/x.png"></body></html>`, "has no alt"},
		{head + `<p><div></div></p></body></html>`, "<div> inside a <p>"},
		{head + `<div><span></div></span></body></html>`, "</div> closes <span>"},
		{head + `<main></body></html>`, "</body> closes <main>"},
		{head + `<script>alert(1)</script></body></html>`, "inline <script>"},
		{head + `<p onclick="x()"></p></body></html>`, "event handler onclick"},
		{head + `<p style="color:red"></p></body></html>`, "style attribute"},
		{head + `<label for="nope">x</label></body></html>`, `id "nope", which is not on the page`},
		{head + `<a href="#gone">x</a></body></html>`, `id "gone"`},
		{head + `<a href=" JavaScript:alert(1)">x</a></body></html>`, "script URL"},
		{head + `<br></br></body></html>`, "void element"},
	} {
		got := strings.Join(validate([]byte(tc.page)), "\n")
		if tc.want == "" && got != "" || !strings.Contains(got, tc.want) {
			t.Errorf("validate(%s):\n%s\nwant %q", tc.page[len(head)-min(len(head), len(tc.page)):], got, tc.want)
		}
	}
}
