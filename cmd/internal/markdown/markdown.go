// Package markdown renders the Markdown bodies of an oops library to HTML.
//
// Bodies are GitHub-flavoured Markdown: tables, task lists, strikethrough,
// autolinks and footnotes. Headings get ids (unique within the page, and
// never one of the ids the page reserves for itself, such as lesson-1), and
// a body that uses level-1 headings has every heading moved down one level
// so that the page keeps a single h1. Fenced code with a known language is
// highlighted with chroma's CSS classes on a <pre class="chroma"> block.
//
// Output is safe to put in a page: raw HTML in the source is left out, and
// a link or image whose URL has any scheme but http, https, mailto or tel
// (javascript:, vbscript:, data:, file:, ...) loses its URL.
//
// Besides the HTML, rendering returns the plain text of the body, for the
// search index, and the links it holds, with their positions, for checks.
package markdown

import (
	"bytes"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// A Result is a rendered body.
type Result struct {
	HTML    string
	Text    []byte // the words of the body, blocks separated by newlines
	Links   []Link // every link and image, in order
	Omitted []Omission
	// Problems are the limits the body passes (see MaxDepth): text it
	// may not hold. It is rendered all the same.
	Problems []Problem
}

// An Omission is raw HTML the page leaves out, other than a closed
// comment, and where it starts (line and column as for a Link).
type Omission struct {
	Line, Col int
	// Unclosed is an HTML comment that is never closed: it takes the
	// rest of the body with it.
	Unclosed bool
}

// A Link is a link or image destination and where it stands in the body
// (1-based line and column, counted from the start of the body).
type Link struct {
	Dest      string
	Image     bool
	Line, Col int
}

// md renders bodies; plain renders those in which no autolink can be,
// sparing them the autolink scan of every word.
var md, plain = newMarkdown(true), newMarkdown(false)

// code is shared by both, and so is its cache.
var code = newCodeRenderer()

func newMarkdown(linkify bool) goldmark.Markdown {
	exts := []goldmark.Extender{
		// GitHub-flavoured Markdown, with table cells aligned by attribute:
		// a style attribute would need 'unsafe-inline' in the site's CSP.
		extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute)),
		extension.Strikethrough,
		extension.TaskList,
		footnotes{},
	}
	if linkify {
		exts = append(exts, extension.Linkify)
	}
	return goldmark.New(
		goldmark.WithParser(limitedParser()),
		goldmark.WithExtensions(exts...),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(util.Prioritized(code, 100), util.Prioritized(taskRenderer{}, 100))),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(transformer{}, 100)),
		),
	)
}

// mayAutolink reports whether src may hold an autolink: a URL with a
// scheme, a www. address or an e-mail address.
func mayAutolink(src []byte) bool {
	if bytes.Contains(src, []byte("://")) || bytes.IndexByte(src, '@') >= 0 {
		return true
	}
	for i := bytes.IndexByte(src, '.'); i >= 0; {
		if i >= 3 && bytes.EqualFold(src[i-3:i], []byte("www")) {
			return true
		}
		j := bytes.IndexByte(src[i+1:], '.')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return false
}

// An output is what a body is rendered into. It is the buffered writer
// goldmark writes through, which goldmark would otherwise make for every
// body around a plain writer: its bytes are written once, and copied once
// into the Result.
type output struct{ bytes.Buffer }

func (o *output) Buffered() int { return 0 }
func (o *output) Flush() error  { return nil }

var outputs = sync.Pool{New: func() any { return new(output) }}

// Render renders src. Heading ids never take a value from reserved.
func Render(src []byte, reserved ...string) Result {
	m, doc, res := parse(src, reserved)
	out := outputs.Get().(*output)
	out.Reset()
	if err := m.Renderer().Render(out, src, doc); err != nil {
		// The HTML renderer only fails when its writer does; a bytes.Buffer does not.
		panic(err)
	}
	res.HTML = out.String()
	outputs.Put(out)
	return res
}

// Scan reads src as Render does, for all but the HTML: its Result has
// no HTML, for the price of parsing alone.
func Scan(src []byte) Result {
	_, _, res := parse(src, nil)
	return res
}

// parse parses src with the parser it needs, and collects what a Result
// holds but the HTML.
func parse(src []byte, reserved []string) (goldmark.Markdown, ast.Node, Result) {
	m := plain
	if mayAutolink(src) {
		m = md
	}
	ctx := parser.NewContext(parser.WithIDs(newIDs(reserved)))
	b := budgetOf(ctx)
	doc := m.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	var res Result
	res.Text, res.Links, res.Omitted = collect(doc, src)
	if b.over != ([limits]int{}) {
		res.Problems = b.problems(newLineIndex(src), src)
	}
	return m, doc, res
}

// collect gathers the plain text, the links and the raw HTML left out of
// a document.
func collect(doc ast.Node, src []byte) ([]byte, []Link, []Omission) {
	c := &collector{src: src, txt: make([]byte, 0, len(src))}
	ast.Walk(doc, c.visit)
	return c.txt, c.links, c.omitted
}

// A collector is what collect gathers in its one walk of a document.
type collector struct {
	src     []byte
	txt     []byte
	links   []Link
	omitted []Omission
	lines   *lineIndex // made when a link or an omission first needs it
}

func (c *collector) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		if n.Type() == ast.TypeBlock && len(c.txt) > 0 && c.txt[len(c.txt)-1] != '\n' {
			c.txt = append(c.txt, '\n')
		}
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Text:
		c.txt = append(c.txt, n.Segment.Value(c.src)...)
		if n.SoftLineBreak() || n.HardLineBreak() {
			c.txt = append(c.txt, ' ')
		}
	case *ast.String:
		c.txt = append(c.txt, n.Value...)
	case *ast.CodeSpan:
		// Its text children are visited as Text nodes.
	case *ast.FencedCodeBlock, *ast.CodeBlock:
		segs := n.Lines()
		for i := 0; i < segs.Len(); i++ {
			seg := segs.At(i)
			c.txt = append(c.txt, seg.Value(c.src)...)
		}
	case *ast.AutoLink:
		c.txt = append(c.txt, n.Label(c.src)...)
		c.link(autolinkURL(n, c.src), false, n)
	case *ast.Link:
		c.link(string(n.Destination), false, n)
	case *ast.Image:
		c.link(string(n.Destination), true, n)
	case *ast.HTMLBlock:
		c.htmlBlock(n)
	case *ast.RawHTML:
		c.rawHTML(n)
	}
	return ast.WalkContinue, nil
}

func (c *collector) index() *lineIndex {
	if c.lines == nil {
		c.lines = newLineIndex(c.src)
	}
	return c.lines
}

func (c *collector) link(dest string, image bool, n ast.Node) {
	c.links = append(c.links, c.index().link(dest, image, n, c.src))
}

func (c *collector) omit(off int, unclosed bool) {
	line, col := c.index().position(c.src, off)
	c.omitted = append(c.omitted, Omission{Line: line, Col: col, Unclosed: unclosed})
}

// htmlBlock notes a block of raw HTML, left out; a closed comment is not
// worth a note.
func (c *collector) htmlBlock(n *ast.HTMLBlock) {
	if n.Lines().Len() > 0 {
		comment := n.HTMLBlockType == ast.HTMLBlockType2
		if !comment || !n.HasClosure() {
			c.omit(n.Lines().At(0).Start, comment)
		}
	}
}

// rawHTML notes a tag of inline HTML, left out: one note a tag, so none
// for its end tag or a closed comment.
func (c *collector) rawHTML(n *ast.RawHTML) {
	if n.Segments.Len() == 0 {
		return
	}
	start := n.Segments.At(0).Start
	if !bytes.HasPrefix(c.src[start:], []byte("<!--")) && !bytes.HasPrefix(c.src[start:], []byte("</")) {
		c.omit(start, false)
	}
}

// autolinkURL is where an autolink leads: an e-mail address is a mailto: link.
func autolinkURL(n *ast.AutoLink, src []byte) string {
	u := string(n.URL(src))
	if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(u), "mailto:") {
		return "mailto:" + u
	}
	return u
}

// lineIndex maps byte offsets of a source to lines and columns. It
// remembers how far into a line it has counted characters, so that the
// links of one long line, asked for in order, are counted in linear time.
type lineIndex struct {
	starts []int
	line   int // of the last count
	off    int // byte offset the last count reached
	runes  int // characters from the line's start to off
}

func newLineIndex(src []byte) *lineIndex {
	l := &lineIndex{starts: []int{0}}
	for i, c := range src {
		if c == '\n' {
			l.starts = append(l.starts, i+1)
		}
	}
	return l
}

// link returns a Link positioned at the first text inside n, less the
// bracket that opens it; inline nodes carry no position of their own.
func (l *lineIndex) link(dest string, image bool, n ast.Node, src []byte) Link {
	off := firstOffset(n)
	if off < 0 {
		return Link{Dest: dest, Image: image}
	}
	lo := l.lineOf(off)
	col := off - l.starts[lo] + 1
	switch {
	case image && col > 2 && src[off-2] == '!' && src[off-1] == '[':
		col -= 2
	case col > 1 && (src[off-1] == '[' || src[off-1] == '<'):
		col--
	}
	return Link{Dest: dest, Image: image, Line: lo + 1, Col: l.runeCol(src, lo, col)}
}

// position returns the line and character column of byte offset off.
func (l *lineIndex) position(src []byte, off int) (line, col int) {
	lo := l.lineOf(off)
	return lo + 1, l.runeCol(src, lo, off-l.starts[lo]+1)
}

// lineOf returns the 0-based line that holds byte offset off.
func (l *lineIndex) lineOf(off int) int {
	lo, hi := 0, len(l.starts)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if l.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid
		}
	}
	return lo
}

// runeCol turns a byte column of a line (0-based) into a character column.
func (l *lineIndex) runeCol(src []byte, line, col int) int {
	start := l.starts[line]
	end := start + col - 1
	if end > len(src) {
		return col
	}
	if l.line != line || l.off > end || l.off < start {
		l.line, l.off, l.runes = line, start, 0
	}
	l.runes += utf8.RuneCount(src[l.off:end])
	l.off = end
	return l.runes + 1
}

func firstOffset(n ast.Node) int {
	for c := n.FirstChild(); c != nil; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			return t.Segment.Start
		}
		if c.FirstChild() == nil {
			break
		}
	}
	return -1
}

// ids hands out heading ids: unique, and never one that is reserved.
type ids struct {
	used map[string]bool
	last map[string]int // the last suffix given to a base: base-1 to base-last are taken
}

func newIDs(reserved []string) *ids {
	m := make(map[string]bool, len(reserved)+8)
	for _, r := range reserved {
		m[r] = true
	}
	return &ids{used: m, last: map[string]int{}}
}

func (s *ids) Generate(value []byte, kind ast.NodeKind) []byte {
	base := headingID(value)
	if base == "" {
		base = "section"
	}
	id := base
	if s.used[id] {
		i := s.last[base] + 1
		for id = base + "-" + strconv.Itoa(i); s.used[id]; i++ {
			id = base + "-" + strconv.Itoa(i+1)
		}
		s.last[base] = i
	}
	s.used[id] = true
	return []byte(id)
}

func (s *ids) Put(value []byte) { s.used[string(value)] = true }

// headingID makes an id of heading text: lowercase letters, digits, - and _,
// with runs of anything else turned into one hyphen.
func headingID(value []byte) string {
	var b []byte
	hyphen := false
	for _, r := range string(bytes.ToLower(value)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' || r > 127 && isLetter(r):
			if hyphen && len(b) > 0 {
				b = append(b, '-')
			}
			b = append(b, string(r)...)
			hyphen = false
		default:
			hyphen = true
		}
	}
	return string(b)
}
