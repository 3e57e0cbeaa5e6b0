// Package diag holds positioned diagnostics: errors and warnings that name a
// file, a 1-based line and column in that file as it is on disk, and a message
// a user can act on.
//
// A List collects diagnostics from many goroutines' worth of work; it sorts
// them by file, line and column, drops exact duplicates, and prints each once
// as
//
//	path:line:col: message
//	path:line:col: warning: message
//
// and, for GitHub Actions, as workflow commands
//
//	::error file=path,line=N,col=M::message
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity tells errors from warnings.
type Severity int

const (
	Error Severity = iota
	Warning
)

// A Diagnostic is one message about one place in one file.
// Line and Col are 1-based; zero means unknown (the whole file, or the whole line).
type Diagnostic struct {
	File     string // slash-separated, relative to the source folder
	Line     int
	Col      int
	Severity Severity
	Msg      string

	// Standing marks a warning about how things stand on the day (a change
	// past its due date) rather than about the file: strict checks, which
	// fail on warnings, let it stand as a warning.
	Standing bool
}

// Error implements error as "file:line:col: message".
func (d *Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.Pos())
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// Pos returns "file:line:col". An unknown line or column is given as 1:
// a problem with a whole file is at its start, one with a whole line at
// the line's start.
func (d *Diagnostic) Pos() string {
	return fmt.Sprintf("%s:%d:%d", d.File, max(d.Line, 1), max(d.Col, 1))
}

// Errorf returns an error diagnostic.
func Errorf(file string, line, col int, format string, args ...any) *Diagnostic {
	return &Diagnostic{File: file, Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}

// Warnf returns a warning diagnostic.
func Warnf(file string, line, col int, format string, args ...any) *Diagnostic {
	return &Diagnostic{File: file, Line: line, Col: col, Severity: Warning, Msg: fmt.Sprintf(format, args...)}
}

// A List is a list of diagnostics. The zero List is empty and ready to use.
type List []*Diagnostic

// Add appends d to the list.
func (l *List) Add(d *Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at file:line:col.
func (l *List) Errorf(file string, line, col int, format string, args ...any) {
	l.Add(Errorf(file, line, col, format, args...))
}

// Warnf appends a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, format string, args ...any) {
	l.Add(Warnf(file, line, col, format, args...))
}

// Append appends every diagnostic of other.
func (l *List) Append(other List) { *l = append(*l, other...) }

// Sort sorts the list by file, line, column, severity and message,
// and removes exact duplicates.
func (l *List) Sort() {
	slices.SortStableFunc(*l, compare)
	*l = slices.CompactFunc(*l, func(a, b *Diagnostic) bool { return compare(a, b) == 0 })
}

func compare(a, b *Diagnostic) int {
	return cmp.Or(
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Col, b.Col),
		cmp.Compare(a.Severity, b.Severity),
		cmp.Compare(a.Msg, b.Msg),
	)
}

// Errors returns the number of errors (not warnings) in the list.
func (l List) Errors() int {
	n := 0
	for _, d := range l {
		if d.Severity == Error {
			n++
		}
	}
	return n
}

// Failing returns the number of diagnostics that fail a check: the
// errors, and when strict, the warnings too, except standing ones.
func (l List) Failing(strict bool) int {
	n := 0
	for _, d := range l {
		if d.Severity == Error || strict && !d.Standing {
			n++
		}
	}
	return n
}

// Err returns the list as an error if it holds at least one error, else nil.
func (l List) Err() error {
	if l.Errors() == 0 {
		return nil
	}
	return l
}

// Error implements error: the first diagnostic, and how many more follow.
func (l List) Error() string {
	switch len(l) {
	case 0:
		return "no errors"
	case 1:
		return l[0].Error()
	}
	return fmt.Sprintf("%s (and %d more)", l[0].Error(), len(l)-1)
}

// Print writes every diagnostic to w, one a line, sorted.
// With actions set it follows each with a GitHub Actions workflow command,
// so that the message shows on the line of the pull request it is about.
func (l List) Print(w io.Writer, actions bool) {
	l = slices.Clone(l)
	l.Sort()
	for _, d := range l {
		fmt.Fprintln(w, d.Error())
		if actions {
			fmt.Fprintln(w, d.Annotation())
		}
	}
}

// Annotation returns d as a GitHub Actions workflow command.
func (d *Diagnostic) Annotation() string {
	kind := "error"
	if d.Severity == Warning {
		kind = "warning"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "::%s file=%s", kind, escapeProperty(d.File))
	if d.Line > 0 {
		fmt.Fprintf(&b, ",line=%d", d.Line)
	}
	if d.Col > 0 {
		fmt.Fprintf(&b, ",col=%d", d.Col)
	}
	fmt.Fprintf(&b, "::%s", escapeData(d.Msg))
	return b.String()
}

// escapeData and escapeProperty follow the escaping rules of GitHub's
// workflow commands (actions/toolkit, command.ts).
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// As returns err as a List: the list itself, a single diagnostic, or
// nil if err is neither.
func As(err error) List {
	switch e := err.(type) {
	case List:
		return e
	case *Diagnostic:
		return List{e}
	}
	return nil
}
