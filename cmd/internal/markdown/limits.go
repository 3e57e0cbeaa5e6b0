package markdown

import (
	"bytes"
	"fmt"
	"reflect"
	"unicode"

	"github.com/yuin/goldmark"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	gast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// goldmark takes time that grows faster than the text in a few shapes of
// it: every line walks every quote and list it is nested in, every
// definition of a reference link scans the rest of its paragraph again,
// every footnote reference looks through every footnote, and every "]("
// reads the address after it to its end. No story comes near these
// limits; a text that passes one is refused with a Problem at the place,
// and rendered as if the part past the limit were plain text, so that its
// cost stays in proportion to its length.
const (
	// MaxDepth is how deep quotes and lists may nest in one another.
	MaxDepth = 16
	// MaxDefinitions is how many reference-link definitions ([x]: /url),
	// and how many footnotes ([^x]: text), a body may have.
	MaxDefinitions = 1000
	// MaxDestination is the longest a link's address may run on.
	MaxDestination = 4096
	// MaxLabelWork bounds the work of reading the labels of links and
	// footnotes in paragraphs of many lines: goldmark reads each from the
	// paragraph's last line back. It is the sum, over the labels, of the
	// lines that follow each in its paragraph.
	MaxLabelWork = 1 << 23
	// MaxNestedLines bounds the memory of lines in quotes and lists:
	// goldmark keeps a record of every line for each quote, list and
	// item the line is in, until the outermost ends. It is the sum, over
	// the lines, of the quotes, lists and items each is in.
	MaxNestedLines = 1 << 19
)

// A Problem is text the body may not hold, and where it starts (line and
// column as for a Link).
type Problem struct {
	Line, Col int
	Msg       string
}

// A limit is one of the limits above; each is reported once a body.
type limit int

const (
	tooDeep limit = iota
	tooManyDefinitions
	tooManyFootnotes
	tooLongDestination
	tooMuchLabelWork
	tooManyNestedLines
	limits
)

var limitMsgs = [limits]string{
	tooDeep:            fmt.Sprintf("quotes and lists nest more than %d deep here; what is deeper is shown as text", MaxDepth),
	tooManyDefinitions: fmt.Sprintf("more than %d reference-link definitions ([name]: address); write the address in the link instead", MaxDefinitions),
	tooManyFootnotes:   fmt.Sprintf("more than %d footnotes; fold some into the text", MaxDefinitions),
	tooMuchLabelWork:   "too many links, brackets or footnote references in paragraphs of too many lines: put blank lines between the paragraph's lines",
	tooManyNestedLines: "quotes and lists run on for too many lines, or too many lines deep; what follows is shown outside them: end them, or nest them less",
	tooLongDestination: fmt.Sprintf(`a link address runs on for more than %d characters after "](": end it with ")" or a space, or write \] for a bracket that opens no link`, MaxDestination),
}

// budget counts, while a body is parsed, what the limits are held against.
type budget struct {
	definitions, footnotes int
	runEnd                 int // where the last address found too long ends
	labelWork              int
	nestedLines            int
	over                   [limits]int // byte offset + 1 of the first place each limit is passed
}

var budgetKey = parser.NewContextKey()

func budgetOf(pc parser.Context) *budget {
	b, _ := pc.Get(budgetKey).(*budget)
	if b == nil {
		b = new(budget)
		pc.Set(budgetKey, b)
	}
	return b
}

// exceed records that the limit is passed at byte offset off.
func (b *budget) exceed(l limit, off int) {
	if b.over[l] == 0 {
		b.over[l] = off + 1
	}
}

// problems returns the limits passed, in order of the text.
func (b *budget) problems(lines *lineIndex, src []byte) []Problem {
	var out []Problem
	for l, off := range b.over {
		if off == 0 {
			continue
		}
		line, col := lines.position(src, off-1)
		out = append(out, Problem{Line: line, Col: col, Msg: limitMsgs[l]})
	}
	return sortProblems(out)
}

func sortProblems(ps []Problem) []Problem {
	for i := 1; i < len(ps); i++ {
		for j := i; j > 0 && (ps[j].Line < ps[j-1].Line || ps[j].Line == ps[j-1].Line && ps[j].Col < ps[j-1].Col); j-- {
			ps[j], ps[j-1] = ps[j-1], ps[j]
		}
	}
	return ps
}

// limitedParser returns goldmark's parser with the limits above.
func limitedParser() parser.Parser {
	blocks := parser.DefaultBlockParsers()
	for i, b := range blocks {
		switch t := reflect.TypeOf(b.Value); t {
		case reflect.TypeOf(parser.NewListParser()), reflect.TypeOf(parser.NewBlockquoteParser()), reflect.TypeOf(parser.NewListItemParser()):
			blocks[i].Value = nesting{b.Value.(parser.BlockParser)}
		}
	}
	inlines := parser.DefaultInlineParsers()
	for i, p := range inlines {
		if hasTrigger(p.Value.(parser.InlineParser), ']') {
			inlines[i].Value = destinations{p.Value.(parser.InlineParser)}
		}
	}
	return parser.NewParser(
		parser.WithBlockParsers(blocks...),
		parser.WithInlineParsers(inlines...),
		parser.WithParagraphTransformers(util.Prioritized(definitions{}, 100)),
	)
}

func hasTrigger(p interface{ Trigger() []byte }, c byte) bool {
	for _, t := range p.Trigger() {
		if t == c {
			return true
		}
	}
	return false
}

// nesting opens a quote or list only if it is nested less than MaxDepth
// deep, and keeps it open for no more than MaxNestedLines.
type nesting struct{ parser.BlockParser }

func (p nesting) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	// Right after a list opens, goldmark asks again at the same place,
	// where its item is to open: that is no deeper.
	if parent.Kind() != ast.KindList && depth(parent) >= MaxDepth {
		line, seg := reader.PeekLine()
		if pos := pc.BlockOffset(); pos >= 0 && opensContainer(line[pos:]) {
			budgetOf(pc).exceed(tooDeep, seg.Start+pos)
			return nil, parser.NoChildren
		}
	}
	return p.BlockParser.Open(parent, reader, pc)
}

// Continue ends the quote or list once the lines in them pass MaxNestedLines.
func (p nesting) Continue(node ast.Node, reader text.Reader, pc parser.Context) parser.State {
	b := budgetOf(pc)
	if b.nestedLines++; b.nestedLines > MaxNestedLines {
		_, seg := reader.PeekLine()
		b.exceed(tooManyNestedLines, seg.Start)
		return parser.Close
	}
	return p.BlockParser.Continue(node, reader, pc)
}

// depth counts the quotes and lists n is in, n included.
func depth(n ast.Node) int {
	d := 0
	for ; n != nil; n = n.Parent() {
		switch n.Kind() {
		case ast.KindBlockquote, ast.KindList:
			d++
		}
	}
	return d
}

// opensContainer reports whether a line starts like a quote or a list item.
func opensContainer(line []byte) bool {
	if len(line) == 0 {
		return false
	}
	switch c := line[0]; {
	case c == '>':
		return true
	case c == '-' || c == '+' || c == '*':
		return len(line) == 1 || util.IsSpace(line[1])
	}
	i := 0
	for i < len(line) && i < 9 && line[i] >= '0' && line[i] <= '9' {
		i++
	}
	return i > 0 && i < len(line) && (line[i] == '.' || line[i] == ')') && (i+1 == len(line) || util.IsSpace(line[i+1]))
}

// definitions is goldmark's reading of reference-link definitions, up to
// MaxDefinitions of them in a body. A line that starts with "[" and holds
// "]:" may start one, and each is counted.
type definitions struct{}

func (definitions) Transform(node *ast.Paragraph, reader text.Reader, pc parser.Context) {
	b := budgetOf(pc)
	lines := node.Lines()
	src := reader.Source()
	for i := range lines.Len() {
		seg := lines.At(i)
		if line := util.TrimLeftSpace(seg.Value(src)); len(line) == 0 || line[0] != '[' || !bytes.Contains(line, []byte("]:")) {
			continue
		}
		if b.definitions++; b.definitions > MaxDefinitions {
			b.exceed(tooManyDefinitions, seg.Start)
			return
		}
	}
	parser.LinkReferenceParagraphTransformer.Transform(node, reader, pc)
}

// destinations leaves as text a "](" whose address would run on for more
// than MaxDestination bytes: goldmark reads it to its end each time.
type destinations struct{ parser.InlineParser }

func (p destinations) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if len(line) > 0 && line[0] == ']' && !budgetOf(pc).labels(parent, block, seg.Start) {
		return nil
	}
	if len(line) < 2 || line[0] != ']' || line[1] != '(' {
		return p.InlineParser.Parse(parent, block, pc)
	}
	b := budgetOf(pc)
	if seg.Start < b.runEnd {
		return nil // inside an address already found too long
	}
	if longDestination(line[2:]) {
		b.exceed(tooLongDestination, seg.Start)
		end := bytes.IndexFunc(line[2:], unicode.IsSpace)
		if end < 0 {
			end = len(line) - 2
		}
		b.runEnd = seg.Start + 2 + end
		return nil
	}
	return p.InlineParser.Parse(parent, block, pc)
}

// labels counts the work of reading a label at the reader's place, and
// reports whether it is within MaxLabelWork.
func (b *budget) labels(parent ast.Node, block text.Reader, off int) bool {
	for parent != nil && parent.Type() != ast.TypeBlock {
		parent = parent.Parent()
	}
	if parent == nil {
		return true
	}
	line, _ := block.Position()
	if b.labelWork += max(parent.Lines().Len()-line, 1); b.labelWork > MaxLabelWork {
		b.exceed(tooMuchLabelWork, off)
		return false
	}
	return true
}

// CloseBlock lets goldmark's link parser turn the brackets that opened
// no link into text.
func (p destinations) CloseBlock(parent ast.Node, block text.Reader, pc parser.Context) {
	if c, ok := p.InlineParser.(parser.CloseBlocker); ok {
		c.CloseBlock(parent, block, pc)
	}
}

// longDestination reports whether a link's address at the start of s
// (after its "(") runs on for more than MaxDestination bytes: to the end
// of the line or a space, or for <address>, to its ">".
func longDestination(s []byte) bool {
	i := 0
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	s = s[i:]
	if len(s) > 0 && s[0] == '<' {
		for i := 1; i < len(s) && i <= MaxDestination; i++ {
			if s[i] == '>' || s[i] == '<' || s[i] == '\n' {
				return false
			}
		}
		return len(s) > MaxDestination
	}
	parens := 0
	for i := 0; i < len(s) && i <= MaxDestination; i++ {
		switch c := s[i]; {
		case c <= ' ':
			return false
		case c == '\\':
			i++
		case c == '(':
			parens++
		case c == ')':
			if parens--; parens < 0 {
				return false
			}
		}
	}
	return len(s) > MaxDestination
}

// footnotes is goldmark's footnote extension with up to MaxDefinitions
// footnotes in a body.
type footnotes struct{}

func (footnotes) Extend(m goldmark.Markdown) {
	m.Parser().AddOptions(
		parser.WithBlockParsers(util.Prioritized(footnoteLimit{extension.NewFootnoteBlockParser()}, 999)),
		parser.WithInlineParsers(util.Prioritized(footnoteRefs{extension.NewFootnoteParser()}, 101)),
		parser.WithASTTransformers(util.Prioritized(extension.NewFootnoteASTTransformer(), 999)),
	)
	m.Renderer().AddOptions(renderer.WithNodeRenderers(util.Prioritized(extension.NewFootnoteHTMLRenderer(), 500)))
}

// footnoteRefs reads footnote references within MaxLabelWork.
type footnoteRefs struct{ parser.InlineParser }

func (p footnoteRefs) Parse(parent ast.Node, block text.Reader, pc parser.Context) ast.Node {
	line, seg := block.PeekLine()
	if bytes.HasPrefix(line, []byte("[^")) || bytes.HasPrefix(line, []byte("![^")) {
		if !budgetOf(pc).labels(parent, block, seg.Start) {
			return nil
		}
	}
	return p.InlineParser.Parse(parent, block, pc)
}

type footnoteLimit struct{ parser.BlockParser }

func (p footnoteLimit) Open(parent ast.Node, reader text.Reader, pc parser.Context) (ast.Node, parser.State) {
	line, seg := reader.Position()
	n, st := p.BlockParser.Open(parent, reader, pc)
	if _, ok := n.(*gast.Footnote); !ok {
		return n, st
	}
	b := budgetOf(pc)
	if b.footnotes++; b.footnotes > MaxDefinitions {
		// Leave it to be read as text.
		reader.SetPosition(line, seg)
		b.exceed(tooManyFootnotes, seg.Start+max(pc.BlockOffset(), 0)-seg.Padding)
		return nil, parser.NoChildren
	}
	return n, st
}
