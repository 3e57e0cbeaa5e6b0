// Package check reviews an oops library the way a careful reviewer would,
// without writing anything.
//
// Check reports everything a build would refuse (front matter, slugs,
// related stories and reading paths that name a missing story, layouts,
// static files; one page of each shape is rendered to catch a layout that
// fails only when it runs), and besides:
//
//   - errors for links and images in stories, pages, reading paths, tag
//     descriptions and the home page's introduction, and for the links of
//     a story's changes, that lead to a path of the site that no page,
//     static file, alias or redirect provides, with the nearest existing
//     path as a hint; links to other sites are not fetched;
//   - errors for "(fill in)" text left from the story template;
//   - warnings for tags that look like duplicates: two tags in use that
//     differ by one letter or hyphen (deploy, deploys), and a tag that a tag
//     description lists among its synonyms; each is reported where a story
//     uses the tag to give up, naming the tag to use;
//   - warnings for blame-laden wording in a story ("should have known",
//     "careless", "stupid", "fault of", "blame"), outside code, with what to
//     write instead;
//   - errors for secrets and personal data in a story, page, reading path
//     or tag description, which a build refuses or warns about (see
//     package sensitive);
//   - warnings for an open change (planned or in progress) that names no
//     owner or has no due date, errors when strict; and a standing warning,
//     which strictness leaves a warning, for one past its due date;
//   - with a baseline (the urls.txt of the published site), errors for each
//     published URL that the new site neither has nor redirects, naming the
//     alias line that would keep it.
//
// Every problem is a diag.Diagnostic at a file, line and column, so that a
// writer can go straight to it, and every problem is reported in one run.
package check

import (
	"io/fs"
	"strings"
	"time"

	"oops/cmd/internal/build"
	"oops/cmd/internal/diag"
	"oops/cmd/internal/site"
)

// Options say what to check besides the library itself.
type Options struct {
	Baseline *Baseline // the published site's URLs; nil to skip that check
	Today    time.Time // the day changes are overdue from; zero to skip that check
	Strict   bool      // an open change with no owner or due date is an error
}

// A Result is what a check found.
type Result struct {
	Diags   diag.List // sorted
	Stories int       // story files read
	Pages   int       // HTML pages the site would have
}

// Check checks the library whose source folder is src. Problems with the
// content are in the result; an error means the check could not run.
func Check(src fs.FS, opt Options) (*Result, error) {
	lib, err := load(src)
	if err != nil {
		return nil, err
	}
	res := &Result{Diags: lib.diags, Stories: len(lib.files.Stories)}
	for u := range lib.urls.pages {
		if strings.HasSuffix(u, "/") {
			res.Pages++
		}
	}
	lib.opt = opt
	tags := duplicateTags(lib.site, lib.files)
	res.Diags.Append(checkFiles(lib, tags))
	if opt.Baseline != nil {
		res.Diags.Append(checkBaseline(lib, opt.Baseline))
	}
	res.Diags.Sort()
	return res, nil
}

// A library is everything the checks look at.
type library struct {
	src   fs.FS
	files *site.Files
	site  *site.Site
	urls  *urlSet
	diags diag.List // what loading found: what a build would report
	opt   Options
}

// load reads the library as a build does, and lists what its site would
// answer; a library that a build could write is also rendered in part.
func load(src fs.FS) (*library, error) {
	l, err := build.Load(src, build.Options{PersonalDataErrors: true})
	if err != nil {
		return nil, err
	}
	urls, err := siteURLs(l.Renderer)
	if err != nil {
		return nil, err
	}
	errs := l.Diags
	if errs.Errors() == 0 {
		// As a build would, render only a library it could load.
		errs.Append(renderSample(l.Renderer))
	}
	return &library{src: src, files: l.Files, site: l.Site, urls: urls, diags: errs}, nil
}
