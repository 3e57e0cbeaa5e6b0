package build

import (
	"errors"
	"io/fs"
	"os"
	"time"

	"oops"
	"oops/cmd/internal/diag"
	"oops/cmd/internal/follow"
	"oops/cmd/internal/render"
	"oops/cmd/internal/site"
)

// A Library is a library as a build reads it: its look, its content
// parsed and linked into a site, and the renderer of the site's pages.
type Library struct {
	Look
	Files    *site.Files
	Site     *site.Site
	Renderer *render.Renderer
	Diags    diag.List // every problem found, sorted
}

// A Look is a library's layouts and static files over the default look.
type Look struct {
	Templates *render.Templates
	Assets    *render.Assets
}

// Load reads the library in src, collecting every problem a build would
// report instead of stopping at the first; an error means it could not be
// read at all. When the layouts have errors, the renderer has the default
// look's: the pages and their URLs do not depend on the layouts.
func Load(src fs.FS, opt Options) (*Library, error) {
	look, errs, err := LoadLook(src)
	if err != nil {
		return nil, err
	}
	if look.Templates == nil {
		def, _ := fs.Sub(oops.Defaults, "layouts")
		if look.Templates, err = render.ParseTemplates(def); err != nil {
			return nil, err
		}
	}
	files, more := site.Scan(src)
	errs.Append(more)
	return Link(src, opt, files, look, errs, nil), nil
}

// LoadLook reads the layouts and static files of src over the default
// look. When the layouts have errors, the look has no Templates.
func LoadLook(src fs.FS) (Look, diag.List, error) {
	layouts, static, errs := layers(src)
	tmpl, err := render.ParseTemplates(layouts)
	if err != nil && diag.As(err) == nil {
		return Look{}, nil, err
	}
	errs.Append(diag.As(err))
	assets, err := render.LoadAssets(static...)
	errs.Append(diag.As(err))
	return Look{tmpl, assets}, errs, nil
}

// Link links parsed files into a site with the look, adding its problems
// to errs. If prev is not nil, what did not change is carried over from it.
func Link(src fs.FS, opt Options, files *site.Files, look Look, errs diag.List, prev *site.Site) *Library {
	s, more := site.Link(files, site.Options{Drafts: opt.Drafts, Static: look.Assets.Names()}, prev)
	errs.Append(more)
	// A secret or a sensitive term stops a build: nothing of it may be
	// published. Other personal data is the writer's call: a warning, but
	// an error for check, the pull request's gate.
	personal := diag.Warning
	if opt.PersonalDataErrors {
		personal = diag.Error
	}
	errs.Append(files.SensitiveDiags(personal))
	today := opt.Today
	if today.IsZero() {
		var err error
		if today, err = follow.Today(os.Getenv, time.Now()); err != nil {
			errs.Add(&diag.Diagnostic{File: "SOURCE_DATE_EPOCH", Msg: err.Error()})
		}
	}
	errs.Sort()
	r := render.New(s, src, look.Templates, look.Assets, render.Options{BaseURL: opt.BaseURL, Preview: opt.Preview, BasicAuth: opt.BasicAuth, Today: today})
	return &Library{Look: look, Files: files, Site: s, Renderer: r, Diags: errs}
}

// layers returns the layouts folder and the static folders of a library,
// each the library's own over the default look. A file where the
// library's own folder goes is an error, and leaves the default look's.
func layers(src fs.FS) (layouts fs.FS, static []fs.FS, errs diag.List) {
	layer := func(dir, what string) []fs.FS {
		def, _ := fs.Sub(oops.Defaults, dir)
		if info, err := fs.Stat(src, dir); err == nil && !info.IsDir() {
			errs.Errorf(dir, 0, 0, "%s is a file, not a folder: the library's own %s go in a %s/ folder", dir, what, dir)
			return []fs.FS{def}
		}
		own, _ := fs.Sub(src, dir)
		return []fs.FS{own, def}
	}
	return overlay(layer("layouts", "layouts")), layer("static", "static files"), errs
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
