// Oops builds, serves and checks an oops library: Markdown stories of
// mistakes, turned into a tagged, searchable static web site.
//
// Usage:
//
//	oops build [-source DIR] [-dest DIR] [-base-url URL] [-drafts] [-preview]
//	oops serve [-source DIR] [-addr 127.0.0.1:1313] [-drafts]
//	oops new   [-source DIR] [-tags a,b] "Story title"
//	oops check [-source DIR] [-baseline FILE|URL] [-strict]
//	oops version
//
// Errors in the content are printed as path:line:col: message, one a line,
// all of them in one run. Under GitHub Actions (GITHUB_ACTIONS=true), build
// and check also print them as workflow commands, so they show on the lines
// of a pull request.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

const usage = `oops builds, serves and checks an oops library.

Usage:

	oops build [-source DIR] [-dest DIR] [-base-url URL] [-drafts] [-preview]
	oops serve [-source DIR] [-addr 127.0.0.1:1313] [-drafts]
	oops new   [-source DIR] [-tags a,b] "Story title"
	oops check [-source DIR] [-baseline FILE|URL] [-strict]
	oops version

Run "oops COMMAND -h" for a command's flags.
`

// A command is one of oops's commands: the synopsis of its arguments, and
// a function that defines its flags and returns what runs the command once
// they are parsed, with the positional arguments.
type command struct {
	synopsis string
	define   func(fs *flag.FlagSet) func(pos []string, stdout, stderr io.Writer) int
	args     bool // takes positional arguments
}

var commands = map[string]command{
	"build":   {"[-source DIR] [-dest DIR] [-base-url URL] [-drafts] [-preview]", buildFlags, false},
	"serve":   {"[-source DIR] [-addr 127.0.0.1:1313] [-drafts]", serveFlags, false},
	"new":     {`[-source DIR] [-tags a,b] "Story title"`, newFlags, true},
	"check":   {"[-source DIR] [-baseline FILE|URL] [-strict]", checkFlags, false},
	"version": {"", versionFlags, true},
}

// run runs the command line args and returns the exit status.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "oops: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return cmd.run(args[0], args[1:], stdout, stderr)
}
