// Package front splits a Markdown file into its front matter and its body,
// and decodes the front matter into a tree of values that remember where
// they stand in the file.
//
// A file is UTF-8 text. It may begin with a byte-order mark and may use CRLF
// line endings. Blank lines may come before the front matter, which is
//
//	---                 +++
//	key: value          key = "value"
//	---                 +++
//
// YAML between --- lines or TOML between +++ lines. A file that is not UTF-8
// text, has no front matter, or whose front matter block is never closed is
// an error. Positions in values and errors are 1-based lines and columns of
// the original file, counting the front matter delimiters, so that an error
// points at the line an author sees in their editor.
//
// Decoding takes time and memory in proportion to the file: a file over
// MaxSize bytes, lists and maps nested more than 64 deep, and YAML aliases
// that copy more than 1000 values in all are errors.
package front

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"sync"
	"unicode/utf8"

	"github.com/adrg/frontmatter"
)

// MaxSize is the size in bytes of the largest file Parse reads: a story of
// a megabyte is a mistake, such as a log pasted in whole.
const MaxSize = 1 << 20

// A File is a parsed Markdown file.
type File struct {
	Format   string // "yaml" or "toml"
	Meta     *Value // the front matter: always a Map, empty if the block is empty
	MetaLine int    // line of the opening delimiter
	Head     []byte // the file up to the body: the front matter with its delimiters
	Body     []byte // the body, with LF line endings
	BodyLine int    // line of the file on which Body starts
}

// An Error is a problem at a line and column of the file.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string { return fmt.Sprintf("%d:%d: %s", e.Line, e.Col, e.Msg) }

func errorf(line, col int, format string, args ...any) *Error {
	return &Error{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Parse splits src and decodes its front matter.
func Parse(src []byte) (*File, error) {
	if len(src) > MaxSize {
		line, col := position(src, MaxSize)
		return nil, errorf(line, col, "the file is %d bytes: a file of content may be at most %d (1 MiB), which it passes here", len(src), MaxSize)
	}
	if err := checkText(src); err != nil {
		return nil, err
	}
	f, raw, err := split(normalize(src))
	if err != nil {
		return nil, err
	}
	switch f.Format {
	case "yaml":
		f.Meta, err = decodeYAML(raw, f.MetaLine)
	case "toml":
		f.Meta, err = decodeTOML(raw, f.MetaLine)
	}
	if err != nil {
		return nil, err
	}
	return f, nil
}

// Body returns the body of src and the line it starts on, without decoding
// the front matter: it is for files that Parse has already accepted, and
// reports an error only if src no longer has a closed front matter block.
func Body(src []byte) (body []byte, line int, err error) {
	f, _, err := split(normalize(src))
	if err != nil {
		return nil, 0, err
	}
	return f.Body, f.BodyLine, nil
}

// BodyAt returns the body of src when Parse found it to start head bytes
// into the file (len(File.Head)): src is the file Parse read, read again.
func BodyAt(src []byte, head int) []byte { return normalize(src)[head:] }

// normalize drops a byte-order mark and turns CRLF line endings into LF.
func normalize(src []byte) []byte {
	src = bytes.TrimPrefix(src, []byte("\uFEFF"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return src
}

// capture is what the front-matter scanner hands to its unmarshal function:
// the raw block, decoded later with positions kept.
type capture struct {
	format string
	data   []byte
}

var formats = []*frontmatter.Format{
	frontmatter.NewFormat("---", "---", captureAs("yaml")),
	frontmatter.NewFormat("+++", "+++", captureAs("toml")),
}

func captureAs(format string) frontmatter.UnmarshalFunc {
	return func(data []byte, v any) error {
		c := v.(*capture)
		c.format = format
		c.data = data
		return nil
	}
}

// readers are the buffered readers the front-matter scanner reads
// through. It wraps its input in one of the default size unless the input
// already is one, so handing it a reused reader spares a fresh buffer for
// every file.
var readers = sync.Pool{New: func() any { return bufio.NewReader(nil) }}

// A lineReader hands the front-matter scanner src a line at a time, and
// nothing more once the scanner has captured the block: the scanner copies
// everything it reads, and the body is not its business.
type lineReader struct {
	src []byte
	off int // of the next line
	c   *capture
}

func (r *lineReader) Read(p []byte) (int, error) {
	if r.off == len(r.src) || r.c.format != "" {
		return 0, io.EOF
	}
	line := r.src[r.off:]
	if i := bytes.IndexByte(line, '\n'); i >= 0 {
		line = line[:i+1]
	}
	n := copy(p, line)
	r.off += n
	return n, nil
}

// split separates the front matter block of src, which is normalised
// text, from the body. The scanner finds the block and hands back what it
// read past it; the positions follow from the block's length:
//
//	[blank lines] opener \n data closer [\n] body
func split(src []byte) (*File, []byte, error) {
	var c capture
	lr := &lineReader{src: src, c: &c}
	r := readers.Get().(*bufio.Reader)
	r.Reset(lr)
	rest, err := frontmatter.Parse(r, &c, formats...)
	r.Reset(nil)
	readers.Put(r)
	if err != nil {
		return nil, nil, errorf(1, 1, "reading front matter: %v", err)
	}
	if c.format == "" {
		return nil, nil, missing(src)
	}
	end := lr.off - len(rest)
	closer := bytes.LastIndexByte(src[:end-1], '\n') + 1 // the closing line
	if src[end-1] != '\n' {
		closer = bytes.LastIndexByte(src[:end], '\n') + 1 // closed at the end of the file
	}
	data := closer - len(c.data)
	f := &File{Format: c.format, Head: src[:end], Body: src[end:]}
	f.MetaLine = bytes.Count(src[:data], []byte("\n"))
	f.BodyLine = f.MetaLine + bytes.Count(src[data:end], []byte("\n")) + 1
	return f, c.data, nil
}

// firstLine returns the 1-based number and the text of the first non-blank line.
func firstLine(src []byte) (int, string) {
	line := 1
	for len(src) > 0 {
		text, rest, _ := bytes.Cut(src, []byte("\n"))
		if t := bytes.TrimSpace(text); len(t) > 0 {
			return line, string(t)
		}
		src = rest
		line++
	}
	return line, ""
}

// missing says why src, in which the scanner found no front matter
// block, has none.
func missing(src []byte) error {
	line, opener := firstLine(src)
	switch {
	case len(bytes.TrimSpace(src)) == 0:
		return errorf(1, 1, "empty file: a story starts with front matter between --- lines (title, date, summary, tags)")
	case opener == "---" || opener == "+++":
		return errorf(line, 1, "front matter opened here is never closed: add a line with only %s after the last field", opener)
	}
	return errorf(line, 1, "no front matter: the file must start with a --- line, then its fields (title: ...), then another --- line")
}

// checkText reports a NUL byte or invalid UTF-8 at its line and column.
func checkText(src []byte) error {
	nul := bytes.IndexByte(src, 0)
	if nul < 0 && utf8.Valid(src) {
		return nil
	}
	if bytes.HasPrefix(src, []byte{0xff, 0xfe}) || bytes.HasPrefix(src, []byte{0xfe, 0xff}) {
		return errorf(1, 1, "not UTF-8 text: the file is UTF-16; save it as UTF-8")
	}
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == 0 || (r == utf8.RuneError && n == 1) {
			line, col := position(src, i)
			if r == 0 {
				return errorf(line, col, "binary file: a NUL byte where text should be; stories are UTF-8 Markdown")
			}
			return errorf(line, col, "not UTF-8 text: byte 0x%02x is not UTF-8 here (is the file in Latin-1 or another encoding?); save the file as UTF-8", src[i])
		}
		i += n
	}
	return nil
}

// position returns the 1-based line and column (in characters) of byte offset off.
func position(src []byte, off int) (line, col int) {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return bytes.Count(src[:off], []byte("\n")) + 1, utf8.RuneCount(src[start:off]) + 1
}
