package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/term"

	"oops/cmd/internal/diag"
)

// run parses the flags of the command name, which may come before or
// after its positional arguments, and runs it. A command line it cannot
// parse prints the command's usage and exits 2; -h prints it and exits 0.
func (c command) run(name string, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: oops %s %s\n\n", name, c.synopsis)
		fs.PrintDefaults()
	}
	do := c.define(fs)
	var pos []string
	for {
		if err := fs.Parse(args); errors.Is(err, flag.ErrHelp) {
			return 0
		} else if err != nil {
			return 2
		}
		if args = fs.Args(); len(args) == 0 {
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	if !c.args && len(pos) > 0 {
		fmt.Fprintf(stderr, "oops %s: unexpected argument %q\n", name, pos[0])
		fs.Usage()
		return 2
	}
	return do(pos, stdout, stderr)
}

// sourceFlag adds -source, the library's folder.
func sourceFlag(fs *flag.FlagSet, p *string) {
	fs.StringVar(p, "source", ".", "the library's `folder`")
}

// actions reports whether diagnostics should also be GitHub Actions commands.
func actions() bool { return os.Getenv("GITHUB_ACTIONS") == "true" }

// isTerminal reports whether w is a terminal.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}

// report prints an error: diagnostics one a line, anything else prefixed
// with the command's name.
func report(stderr io.Writer, cmd string, err error) {
	if l := diag.As(err); l != nil {
		l.Print(stderr, actions())
		if n := l.Errors(); n > 1 {
			fmt.Fprintf(stderr, "oops %s: %d errors\n", cmd, n)
		}
		return
	}
	fmt.Fprintf(stderr, "oops %s: %v\n", cmd, err)
}

// absDir returns dir as an absolute path, for messages.
func absDir(dir string) string {
	if a, err := filepath.Abs(dir); err == nil {
		return a
	}
	return dir
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
