package check

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/scaffold"
)

// blaming matches the words that put a mistake on a person, whole words
// in any case.
var blaming = regexp.MustCompile(`(?i)\b(?:should(?:\s+have|'ve|’ve)\s+known|careless(?:ly|ness)?|stupid(?:ly|ity)?|fault\s+of|blam(?:e|ed|es|ing))\b`)

// hints say what to write instead, by the matched words' first letters.
var hints = []struct{ prefix, hint string }{
	{"should", "judges with hindsight: say what was known at the time and what made the risk hard to see"},
	{"careless", "points at a person: describe the step that went wrong and what made it easy to miss"},
	{"stupid", "points at a person: describe the mistake and what made it easy to make"},
	{"fault", "assigns fault: describe what happened and what made it possible"},
	{"blam", "assigns blame: describe what happened and what made it easy to do"},
}

// scanText reports, in the source of a story, each "(fill in)" left from
// the template and each blame-laden phrase outside code. bodyLine is the
// line on which the Markdown body starts.
func scanText(file string, src []byte, bodyLine int) diag.List {
	s := &textScan{file: file}
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	for i, line := range strings.Split(string(src), "\n") {
		if i+1 == bodyLine {
			s.where = ""
		}
		s.line(i+1, strings.TrimSuffix(line, "\r"), i+1 >= bodyLine)
	}
	return s.out
}

// A textScan reads a story line by line.
type textScan struct {
	file  string
	out   diag.List
	fence fence
	where string // the front-matter field or body section being read
}

var (
	fieldLine   = regexp.MustCompile(`^(?:\[\[?\s*)?([A-Za-z_][A-Za-z0-9_-]*)\s*(?:[:=\]]|$)`)
	headingLine = regexp.MustCompile(`^ {0,3}#{1,6}\s+(.*?)[\s#]*$`)
)

func (s *textScan) line(n int, line string, body bool) {
	code := body && s.fence.skip(line)
	switch {
	case code:
	case !body:
		if m := fieldLine.FindStringSubmatch(line); m != nil {
			s.where = "in " + m[1]
		}
	case strings.HasPrefix(strings.TrimLeft(line, " "), "#"):
		if m := headingLine.FindStringSubmatch(line); m != nil {
			s.where = fmt.Sprintf("under %q", m[1])
		}
	}
	where := ""
	if s.where != "" {
		where = " " + s.where
	}
	cols := columns{line: line}
	for off := 0; ; off += len(scaffold.Marker) {
		j := strings.Index(line[off:], scaffold.Marker)
		if j < 0 {
			break
		}
		off += j
		s.out.Errorf(s.file, n, cols.at(off), "replace the %s text%s with your own words", scaffold.Marker, where)
	}
	if !code && mayBlame(line) {
		s.blame(n, line, body)
	}
}

// blame reports the blame-laden phrases of a line, outside code spans.
func (s *textScan) blame(n int, line string, body bool) {
	text := line
	if body {
		text = maskCode(line)
	}
	cols := columns{line: line}
	for _, m := range blaming.FindAllStringIndex(text, -1) {
		if excused(text, m[0], m[1]) {
			continue
		}
		w := line[m[0]:m[1]]
		s.out.Warnf(s.file, n, cols.at(m[0]), "%q %s; stories stay blameless (see CONTRIBUTING.md)", w, hint(w))
	}
}

// leadWords are the words that begin a blame-laden phrase.
var leadWords = []string{
	"should", "careless", "carelessly", "carelessness", "stupid", "stupidly", "stupidity",
	"fault", "blame", "blamed", "blames", "blaming",
}

// mayBlame reports whether line holds one of leadWords: a quick test,
// without allocating, that spares most lines the regular expression.
func mayBlame(line string) bool {
	for i := 0; i < len(line); {
		for i < len(line) && !isWordByte(line[i]) {
			i++
		}
		start := i
		for i < len(line) && isWordByte(line[i]) {
			i++
		}
		w := line[start:i]
		if len(w) < 5 || len(w) > 12 || !strings.ContainsRune("scfbSCFB", rune(w[0])) {
			continue
		}
		for _, lead := range leadWords {
			if strings.EqualFold(w, lead) {
				return true
			}
		}
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c >= 0x80
}

func hint(words string) string {
	w := strings.ToLower(words)
	for _, h := range hints {
		if strings.HasPrefix(w, h.prefix) {
			return h.hint
		}
	}
	return hints[len(hints)-1].hint
}

// excused reports whether blame words at text[i:j] are used in a way that
// assigns none: "blame-free", "no blame", "without blame", "git blame".
// It looks at a few bytes on either side, so that a line of many matches
// is read in linear time.
func excused(text string, i, j int) bool {
	if len(text)-j >= 5 && strings.EqualFold(text[j:j+5], "-free") {
		return true
	}
	lo := max(0, i-32)
	before := strings.ToLower(strings.TrimRight(text[lo:i], " -"))
	for _, w := range []string{"no", "without", "git"} {
		if before == w && lo == 0 || strings.HasSuffix(before, " "+w) {
			return true
		}
	}
	return false
}

// columns turns byte offsets in a line, asked for in increasing order,
// into 1-based columns in characters, counting each character once.
type columns struct {
	line     string
	off, col int // the last offset asked for, and its column less one
}

func (c *columns) at(off int) int {
	if off < c.off {
		c.off, c.col = 0, 0
	}
	c.col += utf8.RuneCountInString(c.line[c.off:off])
	c.off = off
	return c.col + 1
}

// A fence tracks fenced code blocks, line by line.
type fence struct {
	char byte // '`' or '~' inside a block, else 0
	n    int  // length of the opening fence
}

// skip reports whether line is part of a fenced code block, its fences
// included.
func (f *fence) skip(line string) bool {
	t := strings.TrimLeft(line, " ")
	if len(line)-len(t) > 3 {
		return f.char != 0
	}
	run := 0
	for run < len(t) && (t[run] == '`' || t[run] == '~') && t[run] == t[0] {
		run++
	}
	switch {
	case f.char == 0 && run >= 3:
		f.char, f.n = t[0], run
		return true
	case f.char != 0 && run >= f.n && t[0] == f.char && strings.TrimSpace(t[run:]) == "":
		f.char = 0
		return true
	}
	return f.char != 0
}

// maskCode blanks the inside of code spans, keeping every byte's place.
func maskCode(line string) string {
	if !strings.Contains(line, "`") {
		return line
	}
	b := []byte(line)
	for i := 0; i < len(b); {
		if b[i] != '`' {
			i++
			continue
		}
		n := run(b, i)
		end := closing(b, i+n, n)
		if end < 0 {
			i += n
			continue
		}
		for k := i + n; k < end; k++ {
			b[k] = ' '
		}
		i = end + n
	}
	return string(b)
}

func run(b []byte, i int) int {
	n := 0
	for i+n < len(b) && b[i+n] == '`' {
		n++
	}
	return n
}

// closing finds the next run of exactly n backticks from i, or -1.
func closing(b []byte, i, n int) int {
	for i < len(b) {
		if b[i] != '`' {
			i++
			continue
		}
		m := run(b, i)
		if m == n {
			return i
		}
		i += m
	}
	return -1
}
