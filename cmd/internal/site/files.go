package site

import (
	"errors"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/sensitive"
	"oops/cmd/internal/story"
)

// Files are the parsed files of a library's content/ folder, each as it
// stands on its own; Link puts them together into a Site.
type Files struct {
	Settings *story.Settings
	Stories  map[string]*story.Story // by file
	Paths    map[string]*story.Path
	Tags     map[string]*story.Tag
	Pages    map[string]*story.Page
	Diags    map[string]diag.List // each file's own problems

	// Sensitive holds the secrets and personal data found in each file's
	// source, with the settings' sensitive terms and allow list.
	Sensitive map[string][]sensitive.Finding

	scanner      *sensitive.Scanner
	terms, allow []string // the scanner's
}

// A Kind says what a file under content/ is.
type Kind int

const (
	Ignored  Kind = iota // not read: hidden, editor backups
	Stray                // not part of the library: warned about
	Settings             // content/_index.md
	StoryFile
	PathFile
	TagFile
	PageFile
)

// KindOf classifies a slash path relative to the source folder.
func KindOf(name string) Kind {
	base := path.Base(name)
	if !strings.HasPrefix(name, "content/") || Backup(base) {
		return Ignored
	}
	rel := strings.TrimPrefix(name, "content/")
	if !strings.HasSuffix(base, ".md") {
		return Stray
	}
	dir := path.Dir(rel)
	switch {
	case rel == "_index.md":
		return Settings
	case strings.HasPrefix(rel, "stories/"):
		return StoryFile
	case dir == "paths":
		return PathFile
	case dir == "tags":
		return TagFile
	case dir == ".":
		return PageFile
	}
	return Stray
}

// Backup reports whether a file name is hidden or an editor's temporary or
// backup file (.swp, ~, 4913, .#lock), which the library never reads.
func Backup(base string) bool {
	return strings.HasPrefix(base, ".") || strings.HasSuffix(base, "~") ||
		strings.HasSuffix(base, ".swp") || strings.HasSuffix(base, ".swx") ||
		strings.HasSuffix(base, ".tmp") || base == "4913"
}

// Scan reads and parses every file of content/ in fsys, in parallel.
func Scan(fsys fs.FS) (*Files, diag.List) {
	f := &Files{
		Stories: map[string]*story.Story{}, Paths: map[string]*story.Path{},
		Tags: map[string]*story.Tag{}, Pages: map[string]*story.Page{},
		Diags: map[string]diag.List{}, Sensitive: map[string][]sensitive.Finding{},
	}
	names, walkErrs := walk(fsys)
	// The settings come first: they say what else to look for in the rest.
	if i, ok := slices.BinarySearch(names, settingsFile); ok {
		d, set := f.parse(fsys, settingsFile)
		f.record(settingsFile, d, set)
		names = slices.Delete(slices.Clone(names), i, i+1)
	}
	f.setScanner()
	type result struct {
		name  string
		diags diag.List
		set   func()
	}
	results := make([]result, len(names))
	var wg sync.WaitGroup
	var next atomic.Int64
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for i := int(next.Add(1)) - 1; i < len(names); i = int(next.Add(1)) - 1 {
				d, set := f.parse(fsys, names[i])
				results[i] = result{names[i], d, set}
			}
		})
	}
	wg.Wait()
	for _, r := range results {
		f.record(r.name, r.diags, r.set)
	}
	return f, walkErrs
}

// settingsFile is the file of the site's settings.
const settingsFile = "content/_index.md"

// record keeps the result of parsing one file.
func (f *Files) record(name string, d diag.List, set func()) {
	if set != nil {
		set()
	}
	if len(d) > 0 {
		f.Diags[name] = d
	}
}

// Update reads one file again after it changed, was created or was removed.
// It reports whether the file is part of the library.
func (f *Files) Update(fsys fs.FS, name string) bool {
	k := KindOf(name)
	if k == Ignored || k == Stray {
		return false
	}
	f.remove(name)
	if _, err := fs.Stat(fsys, name); !errors.Is(err, fs.ErrNotExist) {
		d, set := f.parse(fsys, name)
		f.record(name, d, set)
	}
	if k == Settings && f.setScanner() {
		f.rescan(fsys)
	}
	return true
}

func (f *Files) remove(name string) {
	delete(f.Stories, name)
	delete(f.Paths, name)
	delete(f.Tags, name)
	delete(f.Pages, name)
	delete(f.Diags, name)
	delete(f.Sensitive, name)
	if f.Settings != nil && f.Settings.File == name {
		f.Settings = nil
	}
}

// parse reads and parses one file. It returns its problems and a function
// that records the result in f, to be called where f may be written.
func (f *Files) parse(fsys fs.FS, name string) (d diag.List, set func()) {
	err := Read(fsys, name, func(src []byte) error {
		d, set = f.parseData(name, src)
		return nil
	})
	if err != nil {
		return diag.List{diag.Errorf(name, 0, 0, "cannot read: %v", readError(err))}, nil
	}
	return d, set
}

// parseData parses the contents of one file, and scans what is published
// of it for secrets and personal data; the result keeps nothing of src.
func (f *Files) parseData(name string, src []byte) (diag.List, func()) {
	d, set := f.parseKind(name, src)
	if !scanned(KindOf(name)) {
		return d, set
	}
	found := f.scanner.Scan(src)
	return d, func() {
		if set != nil {
			set()
		}
		if len(found) > 0 {
			f.Sensitive[name] = found
		}
	}
}

func (f *Files) parseKind(name string, src []byte) (diag.List, func()) {
	switch KindOf(name) {
	case Settings:
		s, d := story.ParseSettings(name, src)
		return d, func() { f.Settings = s }
	case StoryFile:
		s, d := story.Parse(name, src)
		return d, func() {
			if s != nil {
				f.Stories[name] = s
			}
		}
	case PathFile:
		p, d := story.ParsePath(name, src)
		return d, func() {
			if p != nil {
				f.Paths[name] = p
			}
		}
	case TagFile:
		t, d := story.ParseTag(name, src)
		return d, func() {
			if t != nil {
				f.Tags[name] = t
			}
		}
	case PageFile:
		p, d := story.ParsePage(name, src)
		return d, func() {
			if p != nil {
				f.Pages[name] = p
			}
		}
	}
	return nil, nil
}

func readError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		if strings.Contains(pe.Err.Error(), "escapes") {
			return errors.New("it is a symbolic link that leads outside the source folder; it is not followed")
		}
		return pe.Err
	}
	return err
}

// walk lists the files of content/ in fsys, sorted, and warns about files
// that are not part of the library.
func walk(fsys fs.FS) ([]string, diag.List) {
	var names []string
	var warns diag.List
	err := fs.WalkDir(fsys, "content", func(name string, d fs.DirEntry, err error) error {
		switch {
		case name == "content" && errors.Is(err, fs.ErrNotExist):
			warns.Errorf("content", 0, 0, "no content/ folder here: is -source the library's folder? (oops new \"Title\" starts one)")
			return fs.SkipAll
		case err != nil:
			warns.Errorf(name, 0, 0, "cannot read: %v", readError(err))
			return nil
		case name == "content" && !d.IsDir():
			warns.Errorf("content", 0, 0, "content is not a folder: the library's stories and pages go in a content/ folder")
			return fs.SkipAll
		}
		if d.IsDir() {
			if name != "content" && strings.HasPrefix(d.Name(), ".") {
				return fs.SkipDir
			}
			return nil
		}
		kind := KindOf(name)
		if kind != Ignored && d.Type()&fs.ModeSymlink != 0 {
			info, err := fs.Stat(fsys, name)
			switch {
			case err == nil && info.IsDir():
				warns.Warnf(name, 0, 0, "symbolic link to a folder: not followed")
				return nil
			case err != nil && kind == Stray:
				warns.Warnf(name, 0, 0, "%v", readError(err))
				return nil
			}
		}
		switch kind {
		case Ignored:
		case Stray:
			warns.Warnf(name, 0, 0, "not part of the library, not published: stories go in content/stories/ as .md files; images and other files in static/")
		default:
			names = append(names, name)
		}
		return nil
	})
	if err != nil {
		warns.Errorf("content", 0, 0, "cannot read: %v", err)
	}
	sort.Strings(names)
	return names, warns
}

// A BufferReader can read a file into a caller's buffer. build.Source can.
type BufferReader interface {
	ReadFileBuffer(name string, buf []byte) ([]byte, error)
}

var buffers = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// Read calls use with the contents of the file name. The contents are
// valid only while use runs: when fsys is a BufferReader they are read into
// a buffer that is used again, which spares a build of thousands of
// stories an allocation per file, twice.
func Read(fsys fs.FS, name string, use func(data []byte) error) error {
	br, ok := fsys.(BufferReader)
	if !ok {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		return use(data)
	}
	bp := buffers.Get().(*[]byte)
	defer buffers.Put(bp)
	data, err := br.ReadFileBuffer(name, (*bp)[:0])
	if err != nil {
		return err
	}
	*bp = data[:0]
	return use(data)
}
