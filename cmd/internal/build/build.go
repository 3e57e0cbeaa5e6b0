// Package build turns a library's source folder into its web site.
//
// Build reads content/, layouts/ and static/ of the source folder (files in
// the folder's layouts/ and static/ over the default look carried by the
// program), validates the whole library, and writes every page, feed,
// manifest, static file and search index file. It writes into a new folder
// beside the destination and puts it in the destination's place only when
// everything succeeded, so the destination is never half-written: a failed
// build leaves it exactly as it was. It replaces only an empty folder or
// one that a build wrote, which holds the Marker file. Two builds of the
// same source write the same bytes.
//
// Pages are rendered in parallel, one goroutine a core, and written as they
// are rendered: memory holds the library's metadata, not its pages.
package build

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/search"
	"oops/cmd/internal/source"
)

// Options say what to build and where.
type Options struct {
	Source   string // the library's folder
	Dest     string // the output folder; default Source/public
	BaseURL  string // overrides base_url of content/_index.md
	Drafts   bool   // include drafts
	Preview  bool   // a deploy preview: noindex and a banner
	Progress io.Writer

	// BasicAuth, if not empty, protects every path with Netlify's
	// Basic-Auth: "user:password", several separated by spaces.
	BasicAuth string

	// PersonalDataErrors makes personal data found in the content an
	// error, as check reports it; a build warns of it.
	PersonalDataErrors bool

	// Today is the day changes are overdue from; when zero, that of
	// SOURCE_DATE_EPOCH if it is set, else the day of the build, in UTC.
	Today time.Time
}

// A Result tells what a build did.
type Result struct {
	Pages    int // HTML pages written
	Files    int // files written
	Warnings diag.List
	Elapsed  time.Duration
}

// Build builds the library at opt.Source into opt.Dest.
func Build(opt Options) (*Result, error) {
	start := time.Now()
	if opt.Dest == "" {
		opt.Dest = filepath.Join(opt.Source, "public")
	}
	if err := CheckDest(opt.Source, opt.Dest); err != nil {
		return nil, err
	}
	src, err := source.Open(opt.Source)
	if err != nil {
		return nil, fmt.Errorf("source folder: %w", err)
	}
	defer src.Close()
	p, err := Prepare(src, opt)
	if err != nil {
		return nil, err
	}
	tmp, err := makeTemp(opt.Dest)
	if err != nil {
		return nil, err
	}
	res, err := p.Write(&Dir{Root: tmp}, opt.Progress)
	if err == nil {
		err = replace(tmp, opt.Dest)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return nil, err
	}
	res.Elapsed = time.Since(start)
	return res, nil
}

// withoutIndex, when set at link time
// (-ldflags=-X=oops/cmd/internal/build.withoutIndex=yes), leaves the
// search index out of every build. No user has a reason to; it lets
// bench/search/build_share.sh measure what the index adds to a build.
var withoutIndex string

// A Plan is a library without errors, ready to be written.
type Plan struct {
	*Library
	Search *search.Index

	sigs map[string]uint64 // of each page file written, by name
}

// Prepare loads and checks everything a build needs from src. An error is
// a diag.List when the content or layouts are at fault.
func Prepare(src fs.FS, opt Options) (*Plan, error) {
	lib, err := Load(src, opt)
	if err != nil {
		return nil, err
	}
	return NewPlan(lib, nil)
}

// NewPlan makes the plan of writing lib, or returns its problems if it has
// errors. If prev is not nil, the plan's search index is prev's, brought
// up to date as the plan is written.
func NewPlan(lib *Library, prev *Plan) (*Plan, error) {
	if lib.Diags.Errors() > 0 {
		return nil, lib.Diags
	}
	p := &Plan{Library: lib, Search: search.New()}
	if prev != nil {
		p.Search = prev.Search
	}
	if withoutIndex == "" {
		p.Renderer.OnStory = p.addToSearch
	}
	return p, nil
}

// BasicAuth returns the Basic-Auth credentials in value (the environment's
// OOPS_BASIC_AUTH) as Netlify's _headers writes them: "user:password",
// several separated by one space. An error never repeats the value.
func BasicAuth(value string) (string, error) {
	creds := strings.Fields(value)
	for i, c := range creds {
		user, password, ok := strings.Cut(c, ":")
		if !ok || user == "" || password == "" {
			return "", fmt.Errorf("OOPS_BASIC_AUTH: entry %d of %d is not user:password (entries are separated by spaces)", i+1, len(creds))
		}
	}
	return strings.Join(creds, " "), nil
}
