package serve

import (
	"errors"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"oops/cmd/internal/build"
	"oops/cmd/internal/diag"
	"oops/cmd/internal/search"
	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// A Live build keeps a site in a folder up to date while its library is
// being edited. Each Update reads again only the files that changed and
// writes only the files whose content depends on them: an edited story
// rewrites its page, the lists, tags, feed and related blocks it appears
// in, and its search index entries, not the whole site. Files are replaced
// by renaming, so a reader of the folder sees each file whole, old or new.
//
// When an update finds errors, the folder keeps the last good site.
type Live struct {
	src   fs.FS
	opt   build.Options
	out   *build.Dir
	files *site.Files
	look  build.Look
	plan  *build.Plan     // the last good build; nil until there is one
	names map[string]bool // files in the folder, search index included

	lookErrs diag.List // what loading the look last found
	failed   bool      // the last update had errors
}

// NewLive builds the library in src into the folder dir. It returns the
// Live build even when the library has errors, with those errors; a later
// Update may succeed.
func NewLive(src fs.FS, dir string, opt build.Options) (*Live, *build.Result, error) {
	// Nothing reads the folder before the first build is done: it is
	// written plainly, and every later file replaced by renaming.
	l := &Live{src: src, opt: opt, out: &build.Dir{Root: dir}, names: map[string]bool{}}
	defer func() { l.out.Atomic = true }()
	start := time.Now()
	var errs diag.List
	var err error
	l.look, errs, err = build.LoadLook(src)
	if err != nil {
		return l, nil, err
	}
	if l.look.Templates != nil {
		l.look.Templates.Remember() // the builds that follow need what this one worked out
	}
	l.lookErrs = errs
	files, more := site.Scan(src)
	errs.Append(more)
	l.files = files
	if errs.Errors() > 0 {
		l.failed = true
		return l, nil, errs
	}
	res, err := l.relink(errs)
	if res != nil {
		res.Elapsed = time.Since(start)
	}
	l.failed = err != nil
	return l, res, err
}

// Update brings the folder up to date after the files named (slash paths
// relative to the library's folder) were created, changed or removed.
// While any of the library's files has errors, every update fails with
// them all, whichever files it was for.
func (l *Live) Update(changed []string) (*build.Result, error) {
	start := time.Now()
	if f, ok := l.src.(interface{ Forget() }); ok {
		f.Forget() // folders may have moved since the last update
	}
	res, ok, err := l.bodiesOnly(changed)
	if !ok {
		res, err = l.update(changed)
	}
	if res != nil {
		res.Elapsed = time.Since(start)
	}
	l.failed = err != nil
	return res, err
}

// update reads again what changed and links the whole library anew.
func (l *Live) update(changed []string) (*build.Result, error) {
	var look, rescan bool
	for _, name := range changed {
		top, _, _ := strings.Cut(name, "/")
		switch {
		case top == "layouts" || top == "static":
			look = true
		case top == "content" && l.files != nil && !l.files.Update(l.src, name):
			// A folder created, moved or removed: its files are not
			// named one by one.
			rescan = rescan || folder(l.src, name)
		}
	}
	if look || l.look.Templates == nil {
		fresh, lookErrs, err := build.LoadLook(l.src)
		if err != nil {
			return nil, err
		}
		l.lookErrs = lookErrs
		if fresh.Templates != nil {
			fresh.Templates.Remember()
			l.look.Templates = fresh.Templates
		}
		l.look.Assets = fresh.Assets
	}
	errs := slices.Clone(l.lookErrs)
	if rescan || l.files == nil {
		files, more := site.Scan(l.src)
		errs.Append(more)
		l.files = files
	}
	if errs.Errors() > 0 {
		errs.Sort()
		return nil, errs
	}
	return l.relink(errs)
}

// relink links the current files, writes what changed since the last good
// build, and removes the files that are no longer part of the site.
func (l *Live) relink(errs diag.List) (*build.Result, error) {
	var prev *site.Site
	if l.plan != nil {
		prev = l.plan.Site
	}
	p, err := build.NewPlan(build.Link(l.src, l.opt, l.files, l.look, errs, prev), l.plan)
	if err != nil {
		return nil, err
	}
	if l.plan != nil {
		for _, st := range l.plan.Site.Stories {
			if p.Site.Story(st.Slug) == nil {
				p.Search.Remove(st.Slug)
			}
		}
	}
	res, err := p.WriteChanged(l.out, l.plan)
	if err != nil {
		return nil, err
	}
	names := p.Names()
	for _, n := range p.Search.Names() {
		names[n] = true
	}
	for n := range l.names {
		if !names[n] {
			if err := l.out.Remove(n); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return nil, err
			}
		}
	}
	l.plan, l.names = p, names
	return res, nil
}

// bodiesOnly handles the most common edit quickly: the bodies of existing
// stories changed, and nothing else, so the site's structure, its lists and
// every other page stay as they are; only the stories' pages, the feed and
// the search index are written again. It reports false, having changed
// nothing, when the edit is not of that kind, or the library had errors.
func (l *Live) bodiesOnly(changed []string) (*build.Result, bool, error) {
	if l.plan == nil || l.failed {
		return nil, false, nil
	}
	var stories []*site.Story
	var fresh []*story.Story
	for _, name := range changed {
		old := l.files.Stories[name]
		if old == nil || site.KindOf(name) != site.StoryFile {
			return nil, false, nil
		}
		src, err := fs.ReadFile(l.src, name)
		if err != nil {
			return nil, false, nil
		}
		st, errs := story.Parse(name, src)
		if st == nil || len(errs) > 0 || st.MetaHash != old.MetaHash || st.Hash == old.Hash || !l.files.Clean(name, src) {
			return nil, false, nil
		}
		s := l.plan.Site.Story(old.Slug)
		if s == nil || s.Story != old {
			return nil, false, nil // a draft, or a duplicate slug
		}
		stories, fresh = append(stories, s), append(fresh, st)
	}
	for i, s := range stories {
		l.files.Stories[s.File] = fresh[i]
		s.Story = fresh[i]
	}
	res, err := l.plan.WriteBodies(l.out, stories)
	if err == nil {
		err = l.pruneSearch()
	}
	return res, true, err
}

// pruneSearch removes the search index files that the index's last write
// left out, and notes the ones it wrote.
func (l *Live) pruneSearch() error {
	now := map[string]bool{}
	for _, n := range l.plan.Search.Names() {
		now[n] = true
	}
	for n := range l.names {
		if strings.HasPrefix(n, search.Dir) && !now[n] {
			if err := l.out.Remove(n); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			delete(l.names, n)
		}
	}
	for n := range now {
		l.names[n] = true
	}
	return nil
}

// folder reports whether name is a folder, or is gone and was likely one.
func folder(fsys fs.FS, name string) bool {
	info, err := fs.Stat(fsys, name)
	if err != nil {
		return path.Ext(name) == "" && !site.Backup(path.Base(name))
	}
	return info.IsDir()
}

// Site returns the last good build's site, or nil.
func (l *Live) Site() *site.Site {
	if l.plan == nil {
		return nil
	}
	return l.plan.Site
}
