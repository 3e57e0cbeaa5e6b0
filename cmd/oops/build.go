package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"oops/cmd/internal/build"
)

func runBuild(opt build.Options, stderr io.Writer) int {
	defer paceMemory()()
	auth, err := build.BasicAuth(os.Getenv("OOPS_BASIC_AUTH"))
	if err != nil {
		report(stderr, "build", err)
		return 1
	}
	opt.BasicAuth = auth
	tty := isTerminal(stderr)
	if tty {
		opt.Progress = stderr
	}
	res, err := build.Build(opt)
	if err != nil {
		report(stderr, "build", err)
		return 1
	}
	res.Warnings.Print(stderr, actions())
	if auth != "" {
		fmt.Fprintf(stderr, "oops build: the site is password-protected: _headers asks for OOPS_BASIC_AUTH's %d user(s) on every path (Netlify Basic-Auth, Pro plans and up)\n", len(strings.Fields(auth)))
	}
	if tty {
		fmt.Fprintf(stderr, "built %d pages (%d files) in %.2fs\n", res.Pages, res.Files, res.Elapsed.Seconds())
	}
	return 0
}

func buildFlags(fs *flag.FlagSet) func(pos []string, stdout, stderr io.Writer) int {
	var opt build.Options
	sourceFlag(fs, &opt.Source)
	fs.StringVar(&opt.Dest, "dest", "", "the output `folder` (default SOURCE/public)")
	fs.StringVar(&opt.BaseURL, "base-url", "", "the site's absolute `URL`, overriding base_url in content/_index.md")
	fs.BoolVar(&opt.Drafts, "drafts", false, "include stories marked draft")
	fs.BoolVar(&opt.Preview, "preview", false, "build a deploy preview: not indexed by search engines, with a banner saying so")
	return func(_ []string, stdout, stderr io.Writer) int { return runBuild(opt, stderr) }
}
