package main

import (
	"fmt"
	"io"

	"oops/cmd/internal/build"
)

func runBuild(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("build", "[-source DIR] [-dest DIR] [-base-url URL] [-drafts] [-preview]", stderr)
	source := sourceFlag(fs)
	dest := fs.String("dest", "", "the output `folder` (default SOURCE/public)")
	baseURL := fs.String("base-url", "", "the site's absolute `URL`, overriding base_url in content/_index.md")
	drafts := fs.Bool("drafts", false, "include stories marked draft")
	preview := fs.Bool("preview", false, "build a deploy preview: not indexed by search engines, with a banner saying so")
	if status, ok := parseNone(fs, args); !ok {
		return status
	}
	opt := build.Options{Source: *source, Dest: *dest, BaseURL: *baseURL, Drafts: *drafts, Preview: *preview}
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
	if tty {
		fmt.Fprintf(stderr, "built %d pages (%d files) in %.2fs\n", res.Pages, res.Files, res.Elapsed.Seconds())
	}
	return 0
}
