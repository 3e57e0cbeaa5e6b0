package serve

import (
	"bytes"
	"io/fs"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/sensitive"
	"oops/cmd/internal/story"
)

// A Problem is one error of a broken save, as the error overlay shows it:
// where, what, and the lines of the file around it.
type Problem struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Col     int    `json:"col,omitempty"`
	Message string `json:"message"`
	Context []Line `json:"context,omitempty"`
}

// A Line is a numbered line of a file.
type Line struct {
	Number int    `json:"number"`
	Text   string `json:"text"`
}

// problems describes the errors of a diagnostic list (or any error) with
// two lines of context either side, read from src, with secrets and
// personal data masked in them.
func problems(err error, src fs.FS) []Problem {
	list := diag.As(err)
	if list == nil {
		return []Problem{{File: "oops", Message: err.Error()}}
	}
	scanner := scannerOf(src)
	var out []Problem
	for _, d := range list {
		if d.Severity != diag.Error {
			continue
		}
		p := Problem{File: d.File, Line: d.Line, Col: d.Col, Message: d.Msg}
		if d.Line > 0 {
			p.Context = around(src, scanner, d.File, d.Line, 2)
		}
		out = append(out, p)
		if len(out) == 20 {
			break
		}
	}
	return out
}

func around(src fs.FS, scanner *sensitive.Scanner, file string, line, around int) []Line {
	data, err := fs.ReadFile(src, file)
	if err != nil {
		return nil
	}
	data = sensitive.Redact(data, scanner.Scan(data))
	var out []Line
	for i, text := range bytes.Split(data, []byte("\n")) {
		if n := i + 1; n >= line-around && n <= line+around {
			out = append(out, Line{n, string(bytes.TrimRight(text, "\r"))})
		}
	}
	return out
}

// scannerOf returns a scanner for secrets and personal data with the
// sensitive terms and allow list of the library's settings, as they are.
func scannerOf(src fs.FS) *sensitive.Scanner {
	data, err := fs.ReadFile(src, "content/_index.md")
	if err != nil {
		return sensitive.New(nil, nil)
	}
	s, _ := story.ParseSettings("content/_index.md", data)
	if s == nil {
		return sensitive.New(nil, nil)
	}
	return sensitive.New(s.Sensitive, s.Allow)
}
