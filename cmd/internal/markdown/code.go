package markdown

import (
	"bufio"
	"bytes"
	"hash/fnv"
	"strings"
	"sync"
	"sync/atomic"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
)

// Highlighting takes time that grows faster than the code: a comment or
// string opened and never closed is looked for to the block's end from
// every place it could open. Only so much of a body is highlighted; the
// rest of its code is shown as it is, in the markup of a language that
// has no highlighting.
const (
	// MaxHighlightBlock is the most code, in bytes, a block may have and
	// be highlighted.
	MaxHighlightBlock = 2 << 10
	// MaxHighlight is the most code, in bytes, highlighted in a body.
	MaxHighlight = 8 << 10
	// MaxLanguage is the longest language name, in bytes, of a block that
	// is highlighted. Chroma looks a name up against the file-name
	// patterns of every language it knows, in time that grows faster than
	// the name; no name it knows comes near this long.
	MaxLanguage = 64
	// MaxFileLanguages is how many languages of a body that are not the
	// name or alias of one chroma knows are looked up among its file
	// names, which takes milliseconds a name; the rest are not highlighted.
	MaxFileLanguages = 4
)

// plainAttr marks a fenced code block that is not to be highlighted.
var plainAttr = []byte("oops-plain")

// highlightBudget marks the fenced code blocks of a body past the limits
// above, in the order of the text, and those of a language chroma does
// not know, which it would otherwise look for among its file names again
// at every block.
type highlightBudget struct {
	used  int
	files map[string]bool // languages looked up among file names
}

func (b *highlightBudget) spend(src []byte, n *ast.FencedCodeBlock) {
	size := 0
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		size += seg.Len()
	}
	if size > MaxHighlightBlock || b.used+size > MaxHighlight {
		n.SetAttribute(plainAttr, true)
		return
	}
	b.used += size
	if !b.knows(string(n.Language(src))) {
		n.SetAttribute(plainAttr, true) // as chroma would show it, found at once
	}
}

// knows reports whether chroma highlights the language lang (empty for
// none): by its name or alias, or, within the limits above, by a file name
// or extension, as lexers.Get finds it.
func (b *highlightBudget) knows(lang string) bool {
	if lang == "" || lexerNames()[lang] || lexerNames()[strings.ToLower(lang)] {
		return true
	}
	if len(lang) > MaxLanguage {
		return false
	}
	if b.files == nil {
		b.files = map[string]bool{}
	}
	if !b.files[lang] && len(b.files) == MaxFileLanguages {
		return false
	}
	b.files[lang] = true
	found, ok := fileLanguages.Load(lang)
	if !ok {
		found, _ = fileLanguages.LoadOrStore(lang, lexers.Get(lang) != nil)
	}
	return found.(bool)
}

// fileLanguages remembers what lexers.Get found for a language that is not
// a name or alias: true if a lexer, by file name or extension.
var fileLanguages sync.Map

// lexerNames holds the names and aliases of chroma's lexers, as they are
// and in lower case: what lexers.Get finds at once.
var lexerNames = sync.OnceValue(func() map[string]bool {
	names := map[string]bool{}
	for _, l := range lexers.GlobalLexerRegistry.Lexers {
		c := l.Config()
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			names[name], names[strings.ToLower(name)] = true, true
		}
	}
	return names
})

// codeRenderer highlights fenced code with chroma, and remembers what it
// made: highlighting is by far the dearest part of rendering, and the same
// snippet (or the same story, rebuilt while it is being written) comes back.
type codeRenderer struct {
	highlight renderer.NodeRendererFunc
	cache     sync.Map // uint64 → []byte
	size      atomic.Int64
}

// maxCodeCache bounds the bytes of highlighted HTML kept.
const maxCodeCache = 32 << 20

func newCodeRenderer() *codeRenderer {
	c := &codeRenderer{}
	h := highlighting.NewHTMLRenderer(
		highlighting.WithGuessLanguage(false),
		highlighting.WithFormatOptions(chromahtml.WithClasses(true)),
	)
	h.RegisterFuncs(funcCapture(func(f renderer.NodeRendererFunc) { c.highlight = f }))
	return c
}

type funcCapture func(renderer.NodeRendererFunc)

func (f funcCapture) Register(_ ast.NodeKind, fn renderer.NodeRendererFunc) { f(fn) }

func (c *codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, c.render)
	reg.Register(ast.KindCodeBlock, renderIndented)
}

// focusable is how every code block opens: a block wider than the screen
// scrolls, and a reader without a mouse scrolls it once it has the focus.
const focusable = `<pre tabindex="0"`

// renderIndented renders an indented code block as a focusable <pre>.
func renderIndented(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		w.WriteString("</code></pre>\n")
		return ast.WalkContinue, nil
	}
	w.WriteString(focusable + "><code>")
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		w.Write(util.EscapeHTML(seg.Value(src)))
	}
	return ast.WalkContinue, nil
}

func (c *codeRenderer) render(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	if _, plain := n.Attribute(plainAttr); plain {
		renderPlain(w, src, n.(*ast.FencedCodeBlock))
		return ast.WalkContinue, nil
	}
	key := codeKey(src, n.(*ast.FencedCodeBlock))
	if html, ok := c.cache.Load(key); ok {
		w.Write(html.([]byte))
		return ast.WalkContinue, nil
	}
	var buf bytes.Buffer
	bw := bufio.NewWriter(&buf)
	status, err := c.highlight(bw, src, n, true)
	if err != nil {
		return status, err
	}
	bw.Flush()
	html := buf.Bytes()
	if rest, ok := bytes.CutPrefix(html, []byte("<pre")); ok {
		html = append([]byte(focusable), rest...)
	}
	if c.size.Add(int64(len(html))) <= maxCodeCache {
		c.cache.Store(key, html)
	}
	w.Write(html)
	return status, nil
}

// renderPlain renders a fenced code block as one of a language without
// highlighting is.
func renderPlain(w util.BufWriter, src []byte, n *ast.FencedCodeBlock) {
	w.WriteString(focusable + "><code")
	if lang := n.Language(src); lang != nil {
		w.WriteString(` class="language-`)
		html.DefaultWriter.Write(w, lang)
		w.WriteByte('"')
	}
	w.WriteByte('>')
	lines := n.Lines()
	for i := range lines.Len() {
		seg := lines.At(i)
		html.DefaultWriter.RawWrite(w, seg.Value(src))
	}
	w.WriteString("</code></pre>\n")
}

// codeKey hashes a block's info string and its lines.
func codeKey(src []byte, n *ast.FencedCodeBlock) uint64 {
	h := fnv.New64a()
	if n.Info != nil {
		h.Write(n.Info.Segment.Value(src))
	}
	h.Write([]byte{0})
	lines := n.Lines()
	for i := 0; i < lines.Len(); i++ {
		seg := lines.At(i)
		h.Write(seg.Value(src))
	}
	return h.Sum64()
}
