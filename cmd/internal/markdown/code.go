package markdown

import (
	"bufio"
	"bytes"
	"hash/fnv"
	"sync"
	"sync/atomic"

	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	highlighting "github.com/yuin/goldmark-highlighting/v2"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"
)

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
