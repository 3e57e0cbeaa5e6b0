package markdown

import (
	"strings"
	"unicode"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

func isLetter(r rune) bool { return unicode.IsLetter(r) }

// transformer makes a parsed body fit its page: headings under the page's
// h1, no link or image with an unsafe URL, and no more code highlighted
// than MaxHighlight.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	var headings []*ast.Heading
	var unsafe []ast.Node
	shift := false
	var code highlightBudget
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.FencedCodeBlock:
			code.spend(src, n)
		case *ast.Heading:
			headings = append(headings, n)
			shift = shift || n.Level == 1
		case *ast.Link:
			if !SafeURL(resolved(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.Image:
			if !SafeURL(resolved(n.Destination)) {
				unsafe = append(unsafe, n)
			}
		case *ast.AutoLink:
			if !SafeURL(string(n.URL(src))) {
				unsafe = append(unsafe, n)
			}
		}
		return ast.WalkContinue, nil
	})
	if shift {
		for _, h := range headings {
			h.Level = min(h.Level+1, 6)
		}
	}
	for _, n := range unsafe {
		unwrap(n, src)
	}
}

// resolved returns a destination as the page will carry it: with its
// character references ("&#106;") resolved.
func resolved(dest []byte) string {
	return string(util.ResolveEntityNames(util.ResolveNumericReferences(dest)))
}

// unwrap replaces a link or image by what it shows: its text.
func unwrap(n ast.Node, src []byte) {
	parent := n.Parent()
	if parent == nil {
		return
	}
	if a, ok := n.(*ast.AutoLink); ok {
		parent.ReplaceChild(parent, n, ast.NewString(a.Label(src)))
		return
	}
	for c := n.FirstChild(); c != nil; {
		next := c.NextSibling()
		parent.InsertBefore(parent, n, c)
		c = next
	}
	parent.RemoveChild(parent, n)
}

// SafeURL reports whether a link or image URL may appear in a page: a
// relative URL, or one whose scheme is http, https, mailto or tel. It reads
// the URL the way a browser does, ignoring tabs, newlines and leading
// control characters, so "java\tscript:" is seen for what it is.
func SafeURL(u string) bool {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' {
			return -1
		}
		return r
	}, u)
	u = strings.TrimLeftFunc(u, func(r rune) bool { return r <= ' ' })
	i := strings.IndexAny(u, ":/?#")
	if i < 0 || u[i] != ':' {
		return true
	}
	switch strings.ToLower(u[:i]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}
