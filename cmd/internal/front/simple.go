package front

import (
	"bytes"
	"strconv"
	"strings"
	"unicode/utf8"
)

// parseSimple decodes the plain shape most front matter has, many times
// faster than a full YAML parser: top-level keys whose values are single
// scalars (plain, 'single' or "double" quoted), flow lists of scalars
// ([a, b]), or block lists of scalars or of one-level maps of scalars:
//
//	title: "A title"
//	tags: [deploys, database]
//	lessons:
//	  - "One thing"
//	changes:
//	  - what: x
//	    status: done
//
// What it accepts, it gives as decodeFullYAML does: the same kinds, texts,
// tags and positions (characters, as go-yaml counts them). Its plain
// scalars are resolved only as far as Value.Tag tells them apart: null,
// bool, or str for everything else. It gives up (ok is false) on anything
// beyond that shape — anchors and aliases, tags (!!x), block scalars (| >),
// values over several lines, nested maps, flow maps, lists in lists,
// escapes other than \" \\ \n \t \xXX \uXXXX \UXXXXXXXX, duplicate
// keys, tabs, control characters — and the caller decodes with go-yaml,
// which also reports any error.
func parseSimple(data []byte, base int) (v *Value, ok bool) {
	p := &simple{lines: splitLines(data), base: base}
	for _, l := range p.lines {
		if !printable(l) {
			return nil, false
		}
	}
	root := &Value{Kind: Map, Line: base, Col: 1}
	for p.i < len(p.lines) {
		if p.skipBlank() {
			break
		}
		line := p.lines[p.i]
		if line[0] == ' ' {
			return nil, false
		}
		f, ok := p.field(line, 0)
		if !ok || root.Get(f.Key) != nil {
			return nil, false
		}
		root.Fields = append(root.Fields, f)
	}
	if len(root.Fields) > 0 {
		root.Line, root.Col = root.Fields[0].Line, root.Fields[0].Col
	}
	p.runeCols(root)
	return root, true
}

// runeCols turns the byte columns of v and its children into character
// columns, as go-yaml counts them.
func (p *simple) runeCols(v *Value) {
	v.Col = p.runeCol(v.Line, v.Col)
	for _, it := range v.Items {
		p.runeCols(it)
	}
	for i := range v.Fields {
		f := &v.Fields[i]
		f.Col = p.runeCol(f.Line, f.Col)
		p.runeCols(f.Value)
	}
}

// runeCol turns byte column col of a file line into a character column.
func (p *simple) runeCol(line, col int) int {
	i := line - p.base - 1
	if i < 0 || i >= len(p.lines) || col-1 > len(p.lines[i]) {
		return col
	}
	return utf8.RuneCount(p.lines[i][:col-1]) + 1
}

type simple struct {
	lines [][]byte
	i     int // next line
	base  int // file line of the line before data
}

// splitLines splits data into lines without their line feeds.
func splitLines(data []byte) [][]byte {
	lines := bytes.Split(data, []byte("\n"))
	if n := len(lines); n > 0 && len(lines[n-1]) == 0 {
		lines = lines[:n-1]
	}
	return lines
}

// skipBlank moves past blank and comment lines; it reports whether no line is left.
func (p *simple) skipBlank() bool {
	for ; p.i < len(p.lines); p.i++ {
		t := bytes.TrimLeft(p.lines[p.i], " ")
		if len(t) > 0 && t[0] != '#' {
			return false
		}
	}
	return true
}

// nextIndent returns the number of leading spaces of the next non-blank line, or -1.
func (p *simple) nextIndent() int {
	save := p.i
	defer func() { p.i = save }()
	if p.skipBlank() {
		return -1
	}
	l := p.lines[p.i]
	return len(l) - len(bytes.TrimLeft(l, " "))
}

// keyLen returns the length of the key at the start of s: a letter, digit
// or _, then letters, digits, _ and -.
func keyLen(s []byte) int {
	for i, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' && i > 0) {
			return i
		}
	}
	return len(s)
}

// field decodes "key: value" at column indent+1 of the current line, and
// the block list that may follow it.
func (p *simple) field(line []byte, indent int) (Field, bool) {
	if !printable(line) {
		return Field{}, false
	}
	rest := line[indent:]
	key := rest[:keyLen(rest)]
	if len(key) == 0 || len(key) > 1000 || len(rest) == len(key) || rest[len(key)] != ':' {
		return Field{}, false
	}
	f := Field{Key: string(key), Line: p.base + 1 + p.i, Col: indent + 1}
	after := rest[len(key)+1:]
	if len(after) > 0 && after[0] != ' ' {
		return Field{}, false
	}
	col := indent + len(key) + 2
	p.i++
	value, ok := p.value(after, col, f, indent)
	f.Value = value
	return f, ok
}

// value decodes what follows "key:" (text after, starting at 1-based byte
// column col), or, when nothing does, a block list on the next lines.
func (p *simple) value(after []byte, col int, f Field, indent int) (*Value, bool) {
	trimmed := bytes.TrimLeft(after, " ")
	col += len(after) - len(trimmed)
	if len(trimmed) == 0 || trimmed[0] == '#' {
		next := p.nextIndent()
		if next < 0 || next < indent || (next == indent && !p.listAhead(next)) {
			return &Value{Tag: "null", Line: f.Line, Col: f.Col + len(f.Key) + 1}, true
		}
		return p.blockList(next, indent)
	}
	line := f.Line
	if trimmed[0] == '[' {
		return p.flowList(trimmed, line, col)
	}
	v, rest, ok := scalar(trimmed, line, col, false)
	if !ok || !onlyComment(rest) {
		return nil, false
	}
	return v, true
}

// listAhead reports whether the next non-blank line is a list item at indent.
func (p *simple) listAhead(indent int) bool {
	save := p.i
	defer func() { p.i = save }()
	p.skipBlank()
	l := p.lines[p.i][indent:]
	return len(l) > 0 && l[0] == '-' && (len(l) == 1 || l[1] == ' ')
}

// blockList decodes "- item" lines at indent, under a key at parent.
func (p *simple) blockList(indent, parent int) (*Value, bool) {
	list := &Value{Kind: List}
	for !p.skipBlank() {
		line := p.lines[p.i]
		if !printable(line) {
			return nil, false
		}
		n := len(line) - len(bytes.TrimLeft(line, " "))
		if n < indent {
			break
		}
		item := line[n:]
		dash := item[0] == '-' && len(item) >= 3 && item[1] == ' '
		if n == indent && !dash && indent == parent {
			break
		}
		if n > indent || !dash {
			return nil, false
		}
		if list.Line == 0 {
			list.Line, list.Col = p.base+1+p.i, n+1
		}
		v, ok := p.listItem(line, n+2)
		if !ok {
			return nil, false
		}
		list.Items = append(list.Items, v)
	}
	return list, list.Line != 0
}

// listItem decodes the item of "- item" that starts at byte offset start.
func (p *simple) listItem(line []byte, start int) (*Value, bool) {
	content := bytes.TrimLeft(line[start:], " ")
	start += len(line[start:]) - len(content)
	if k := keyLen(content); k > 0 && k < len(content) && content[k] == ':' {
		return p.itemMap(line, start)
	}
	lineNo := p.base + 1 + p.i
	v, rest, ok := scalar(content, lineNo, start+1, false)
	if !ok || !onlyComment(rest) || v.Kind == Null {
		return nil, false
	}
	p.i++
	return v, true
}

// itemMap decodes a map that is a list item: its first key on the "- "
// line, the others below it at the same column.
func (p *simple) itemMap(line []byte, indent int) (*Value, bool) {
	m := &Value{Kind: Map, Line: p.base + 1 + p.i, Col: indent + 1}
	for {
		f, ok := p.field(line, indent)
		if !ok || f.Value.Kind == List || m.Get(f.Key) != nil {
			return nil, false
		}
		m.Fields = append(m.Fields, f)
		if p.skipBlank() {
			return m, true
		}
		line = p.lines[p.i]
		n := len(line) - len(bytes.TrimLeft(line, " "))
		if n < indent {
			return m, true
		}
		if n > indent {
			return nil, false
		}
	}
}

// flowList decodes "[a, b, c]" on one line.
func (p *simple) flowList(s []byte, line, col int) (*Value, bool) {
	list := &Value{Kind: List, Line: line, Col: col}
	end := bytes.IndexByte(s, ']')
	if end < 0 || !onlyComment(s[end+1:]) {
		return nil, false
	}
	inner := s[1:end]
	if bytes.ContainsAny(inner, "[{}") {
		return nil, false
	}
	if len(bytes.TrimSpace(inner)) == 0 {
		return list, true
	}
	off := col + 1
	for {
		item := inner
		i := bytes.IndexByte(inner, ',')
		if i >= 0 {
			item = inner[:i]
		}
		t := bytes.TrimLeft(item, " ")
		v, rest, ok := scalar(t, line, off+len(item)-len(t), true)
		if !ok || v.Kind == Null || len(bytes.TrimSpace(rest)) > 0 {
			return nil, false
		}
		list.Items = append(list.Items, v)
		if i < 0 {
			return list, true
		}
		off += i + 1
		inner = inner[i+1:]
	}
}

// scalar decodes one scalar at the start of s (1-based byte column col)
// and returns what follows it. Its column stays in bytes until parseSimple
// turns every column into characters (runeCols).
func scalar(s []byte, line, col int, flow bool) (*Value, []byte, bool) {
	if len(s) == 0 {
		return nil, nil, false
	}
	v := &Value{Kind: Scalar, Line: line, Col: col}
	switch s[0] {
	case '"':
		text, n, ok := doubleQuoted(s)
		v.Tag, v.Text = "str", text
		return v, s[n:], ok
	case '\'':
		text, n, ok := singleQuoted(s)
		v.Tag, v.Text = "str", text
		return v, s[n:], ok
	}
	if strings.IndexByte("-?:,[]{}#&*!|>%@`", s[0]) >= 0 {
		return nil, nil, false
	}
	end := len(s)
	if i := bytes.Index(s, []byte(" #")); i >= 0 {
		end = i
	}
	text := bytes.TrimRight(s[:end], " ")
	if bytes.Contains(text, []byte(": ")) || bytes.HasSuffix(text, []byte(":")) || (flow && !flowSafe(text)) {
		return nil, nil, false
	}
	v.Text = string(text)
	v.Tag = resolve(v.Text)
	if v.Tag == "null" {
		v.Kind, v.Text = Null, ""
	}
	return v, s[end:], true
}

// flowSafe reports whether a plain scalar in a flow list holds only
// characters that cannot mean anything there: words, spaces, - _ . / +.
func flowSafe(text []byte) bool {
	for _, r := range string(text) {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r > 0x7f ||
			strings.ContainsRune(" -_./+", r)) {
			return false
		}
	}
	return true
}

// printable reports whether a line holds only characters that YAML takes
// as they are: no control characters, no line breaks of other kinds.
func printable(line []byte) bool {
	for len(line) > 0 {
		r, n := utf8.DecodeRune(line)
		line = line[n:]
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == 0x2028 || r == 0x2029 ||
			r == 0xfeff || r >= 0xfffe || r == utf8.RuneError {
			return false
		}
	}
	return true
}

// onlyComment reports whether rest, what follows a value, is nothing or
// a comment after a space.
func onlyComment(rest []byte) bool {
	t := bytes.TrimLeft(rest, " ")
	return len(t) == 0 || (t[0] == '#' && len(t) < len(rest))
}

// resolve gives a plain scalar the tag go-yaml gives it, as Value.Tag
// tells tags apart: null, bool, or str.
func resolve(s string) string {
	switch s {
	case "", "~", "null", "Null", "NULL":
		return "null"
	case "true", "True", "TRUE", "false", "False", "FALSE":
		return "bool"
	}
	return "str"
}

// doubleQuoted decodes the "string" at the start of s, with the escapes
// parseSimple takes, and returns its length in s; ok is false for any other
// escape or a string not closed on its line.
func doubleQuoted(s []byte) (string, int, bool) {
	// Most strings hold no escape: take them as they are.
	for i := 1; i < len(s) && s[i] != '\\' && s[i] >= 0x20; i++ {
		if s[i] == '"' {
			return string(s[1:i]), i + 1, true
		}
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch c {
		case '"':
			return b.String(), i + 1, true
		case '\\':
			if i+1 >= len(s) {
				return "", 0, false
			}
			i++
			switch s[i] {
			case '"', '\\':
				b.WriteByte(s[i])
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'u', 'U', 'x':
				size := map[byte]int{'x': 2, 'u': 4, 'U': 8}[s[i]]
				if i+size >= len(s) {
					return "", 0, false
				}
				r, err := strconv.ParseUint(string(s[i+1:i+1+size]), 16, 32)
				if err != nil || !utf8.ValidRune(rune(r)) || r < 0x20 {
					return "", 0, false
				}
				b.WriteRune(rune(r))
				i += size
			default:
				return "", 0, false
			}
		default:
			if c < 0x20 {
				return "", 0, false
			}
			b.WriteByte(c)
		}
	}
	return "", 0, false
}

// singleQuoted decodes the 'string' at the start of s, a quote doubled
// inside standing for one, and returns its length in s; ok is false for
// a string not closed on its line.
func singleQuoted(s []byte) (string, int, bool) {
	if i := bytes.IndexByte(s[1:], '\''); i >= 0 && (i+2 == len(s) || s[i+2] != '\'') {
		return string(s[1 : i+1]), i + 2, true // no quote doubled inside
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		if s[i] != '\'' {
			b.WriteByte(s[i])
			continue
		}
		if i+1 < len(s) && s[i+1] == '\'' {
			b.WriteByte('\'')
			i++
			continue
		}
		return b.String(), i + 1, true
	}
	return "", 0, false
}
