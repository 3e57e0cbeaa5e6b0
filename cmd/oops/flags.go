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

// newFlags returns a flag set for a command that prints its usage to stderr.
func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: oops %s %s\n\n", name, synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parse parses flags that may come before or after the positional
// arguments, and returns the positional ones. It returns ok=false with the
// exit status when parsing ended the command (an error, or -h).
func parse(fs *flag.FlagSet, args []string) (pos []string, status int, ok bool) {
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, 0, false
			}
			return nil, 2, false
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, 0, true
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parseNone parses the flags of a command that takes no positional
// arguments, reporting any as a usage error.
func parseNone(fs *flag.FlagSet, args []string) (status int, ok bool) {
	pos, status, ok := parse(fs, args)
	if ok && len(pos) > 0 {
		fmt.Fprintf(fs.Output(), "oops %s: unexpected argument %q\n", fs.Name(), pos[0])
		fs.Usage()
		return 2, false
	}
	return status, ok
}

// sourceFlag adds -source, the library's folder.
func sourceFlag(fs *flag.FlagSet) *string {
	return fs.String("source", ".", "the library's `folder`")
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
