// Package build turns a library's source folder into its web site.
//
// Build reads content/, layouts/ and static/ of the source folder (files in
// the folder's layouts/ and static/ over the default look carried by the
// program), validates the whole library, and writes every page, feed,
// manifest, static file and search index file. It writes into a new folder
// beside the destination and puts it in the destination's place only when
// everything succeeded, so the destination is never half-written: a failed
// build leaves it exactly as it was. Two builds of the same source write the
// same bytes.
//
// Pages are rendered in parallel, one goroutine a core, and written as they
// are rendered: memory holds the library's metadata, not its pages.
package build

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"

	"oops"
	"oops/cmd/internal/diag"
	"oops/cmd/internal/render"
	"oops/cmd/internal/search"
	"oops/cmd/internal/site"
)

// Options say what to build and where.
type Options struct {
	Source   string // the library's folder
	Dest     string // the output folder; default Source/public
	BaseURL  string // overrides base_url of content/_index.md
	Drafts   bool   // include drafts
	Preview  bool   // a deploy preview: noindex and a banner
	Progress io.Writer
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
	src, err := OpenSource(opt.Source)
	if err != nil {
		return nil, fmt.Errorf("source folder: %w", err)
	}
	tune := os.Getenv("GOGC") == ""
	if tune {
		defer tuneGC(0)()
	}
	p, err := Prepare(src, opt)
	if err != nil {
		return nil, err
	}
	if tune {
		debug.SetMemoryLimit(memoryLimit(len(p.Site.Stories)))
	}
	tmp, err := os.MkdirTemp(filepath.Dir(filepath.Clean(opt.Dest)), "."+filepath.Base(opt.Dest)+".building-")
	if err != nil {
		return nil, fmt.Errorf("cannot write beside the destination: %w", err)
	}
	res, err := p.Write(&Dir{Root: tmp}, opt.Progress)
	if err == nil {
		err = swap(tmp, opt.Dest)
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

// tuneGC lets the heap grow further between collections than the default:
// a build allocates far more than it keeps (its live heap is the library's
// metadata), so collections are mostly wasted work. A soft memory limit,
// scaled with the library, keeps the peak in bounds; until the library is
// read, that of an empty one. It returns a function that restores the
// previous settings. A GOGC set in the environment wins.
func tuneGC(stories int) func() {
	oldLimit := debug.SetMemoryLimit(memoryLimit(stories))
	oldPercent := debug.SetGCPercent(300)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// memoryLimit is the soft memory limit of a build of a library of stories.
func memoryLimit(stories int) int64 {
	return int64(160<<20) + int64(stories)*(4<<10)
}

// A Plan is a loaded library ready to be written.
type Plan struct {
	Files     *site.Files
	Site      *site.Site
	Templates *render.Templates
	Assets    *render.Assets
	Renderer  *render.Renderer
	Search    *search.Index
	Warnings  diag.List

	sigs map[string]uint64 // of each page file written, by name
}

// Prepare loads and checks everything a build needs from src. An error is
// a diag.List when the content or layouts are at fault.
func Prepare(src fs.FS, opt Options) (*Plan, error) {
	tmpl, assets, errs, err := loadLook(src)
	if err != nil {
		return nil, err
	}
	files, more := site.Scan(src)
	errs.Append(more)
	return link(src, opt, files, tmpl, assets, errs, nil)
}

// loadLook reads the layouts and static files of src over the default look.
func loadLook(src fs.FS) (*render.Templates, *render.Assets, diag.List, error) {
	layouts, static := Layers(src)
	tmpl, err := render.ParseTemplates(layouts)
	errs := diag.As(err)
	if err != nil && errs == nil {
		return nil, nil, nil, err
	}
	assets, err := render.LoadAssets(static...)
	errs.Append(diag.As(err))
	return tmpl, assets, errs, nil
}

// link links parsed files into a site and makes the plan of its build. If
// prev is not nil, what did not change is carried over from it.
func link(src fs.FS, opt Options, files *site.Files, tmpl *render.Templates, assets *render.Assets, errs diag.List, prev *Plan) (*Plan, error) {
	var prevSite *site.Site
	idx := search.New()
	if prev != nil {
		prevSite, idx = prev.Site, prev.Search
	}
	s, more := site.Link(files, site.Options{Drafts: opt.Drafts}, prevSite)
	errs.Append(more)
	errs.Sort()
	if errs.Errors() > 0 {
		return nil, errs
	}
	p := &Plan{Files: files, Site: s, Templates: tmpl, Assets: assets, Search: idx, Warnings: errs}
	p.Renderer = render.New(s, src, tmpl, assets, render.Options{BaseURL: opt.BaseURL, Preview: opt.Preview})
	if withoutIndex == "" {
		p.Renderer.OnStory = p.addToSearch
	}
	return p, nil
}

// Layers returns the layouts folder and the static folders of a library,
// each the library's own over the default look.
func Layers(src fs.FS) (layouts fs.FS, static []fs.FS) {
	own := func(dir string) fs.FS { sub, _ := fs.Sub(src, dir); return sub }
	def := func(dir string) fs.FS { sub, _ := fs.Sub(oops.Defaults, dir); return sub }
	return overlay{own("layouts"), def("layouts")}, []fs.FS{own("static"), def("static")}
}

// overlay is a file system whose first layer that has a file wins.
type overlay []fs.FS

func (o overlay) Open(name string) (fs.File, error) {
	var first error
	for _, l := range o {
		f, err := l.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		if first == nil {
			first = err
		}
	}
	return nil, first
}
