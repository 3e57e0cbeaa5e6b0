package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"

	"oops/cmd/internal/diag"
)

// Assets are the site's static files: those of the library's static/
// folder over those of the default look. Every file is published at its own
// path; CSS and JavaScript are also published under /assets/ with a hash of
// their content in the name, and pages link those, so that they can be
// cached forever. A script that imports another by a relative path written
// in double quotes ("./search/engine.js") names, in its fingerprinted copy,
// the other's fingerprinted copy, and so its own hash covers the other's.
type Assets struct {
	files map[string]*Asset // by path under static/
	sum   string
}

// An Asset is one static file.
type Asset struct {
	Name   string // path under static/: "css/site.css"
	Hashed string // fingerprinted path, "assets/css/site.1a2b3c4d5e.css"; "" if none
	Data   []byte
	Sum    string // hex SHA-256 of Data

	// HashedData is the content of the fingerprinted copy: Data, with the
	// scripts a script names by relative path named by their
	// fingerprinted copies.
	HashedData []byte
	// Imports are the scripts a script names by relative path, by their
	// paths under static/.
	Imports []string

	cyclic bool // imports itself, through others: it has no fingerprinted copy
}

// fingerprinted says which files get a fingerprinted copy.
func fingerprinted(name string) bool {
	ext := path.Ext(name)
	return ext == ".css" || ext == ".js"
}

// LoadAssets reads every file of the given static folders; a file in an
// earlier folder hides one of the same path in a later folder. A file that
// cannot be read is an error at static/<path> (a diag.List), and is left out.
func LoadAssets(layers ...fs.FS) (*Assets, error) {
	a := &Assets{files: map[string]*Asset{}}
	var errs diag.List
	for _, fsys := range layers {
		if fsys == nil {
			continue
		}
		fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
			if err == nil && (d.IsDir() || a.files[name] != nil || strings.HasPrefix(d.Name(), ".")) {
				return nil
			}
			if err == nil {
				err = a.add(fsys, name)
			}
			if err != nil && !(name == "." && errors.Is(err, fs.ErrNotExist)) {
				errs.Errorf(path.Join("static", name), 0, 0, "cannot read: %v", unwrap(err))
			}
			return nil
		})
	}
	for _, name := range a.Names() {
		if err := a.hash(name, nil); err != nil && err != errCyclic {
			errs.Errorf(path.Join("static", name), 0, 0, "%v", err)
		}
	}
	a.sum = a.fingerprint()
	return a, errs.Err()
}

func unwrap(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func (a *Assets) add(fsys fs.FS, name string) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	a.files[name] = &Asset{Name: name, Data: data, Sum: hex.EncodeToString(sum[:])}
	return nil
}

// scriptRef is a relative path to a script, in double quotes, in a script.
var scriptRef = regexp.MustCompile(`"(\.\.?/[^"\s]*\.js)"`)

// errCyclic is the error of hash for a script whose cycle of imports
// has been reported.
var errCyclic = errors.New("imports itself")

// hash gives the asset at name its fingerprinted copy, after those of the
// scripts it names; importers are the scripts whose copies wait for it.
func (a *Assets) hash(name string, importers []string) error {
	f := a.files[name]
	if f.Hashed != "" || !fingerprinted(name) {
		return nil
	}
	if f.cyclic {
		return errCyclic
	}
	if slices.Contains(importers, name) {
		for _, n := range importers {
			a.files[n].cyclic = true
		}
		return fmt.Errorf("the scripts %s import each other, so none can be fingerprinted", strings.Join(append(importers, name), ", "))
	}
	importers = append(importers, name)
	data, dir := f.Data, path.Dir(name)
	var err error
	if path.Ext(name) == ".js" {
		data = scriptRef.ReplaceAllFunc(f.Data, func(ref []byte) []byte {
			rel := string(ref[1 : len(ref)-1])
			dep := a.files[path.Join(dir, rel)]
			if dep == nil || err != nil {
				return ref
			}
			if err = a.hash(dep.Name, importers); err != nil {
				return ref
			}
			if !slices.Contains(f.Imports, dep.Name) {
				f.Imports = append(f.Imports, dep.Name)
			}
			return []byte(`"` + rel[:strings.LastIndexByte(rel, '/')+1] + path.Base(dep.Hashed) + `"`)
		})
	}
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	ext := path.Ext(name)
	f.Hashed = "assets/" + strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:5]) + ext
	f.HashedData = data
	return nil
}

func (a *Assets) fingerprint() string {
	names := a.Names()
	h := sha256.New()
	for _, n := range names {
		fmt.Fprintf(h, "%s %s\n", n, a.files[n].Sum)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Fingerprint is a hash of every asset's name and content.
func (a *Assets) Fingerprint() string { return a.sum }

// Names lists the assets' paths, sorted.
func (a *Assets) Names() []string {
	names := make([]string, 0, len(a.files))
	for n := range a.files {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Imports returns the paths under static/ of the scripts the script at
// name imports, directly or through others, sorted.
func (a *Assets) Imports(name string) []string {
	seen := map[string]bool{}
	var visit func(string)
	visit = func(n string) {
		if f := a.files[n]; f != nil {
			for _, dep := range f.Imports {
				if !seen[dep] {
					seen[dep] = true
					visit(dep)
				}
			}
		}
	}
	visit(name)
	return slices.Sorted(maps.Keys(seen))
}

// Get returns the asset at a path under static/, or nil.
func (a *Assets) Get(name string) *Asset { return a.files[name] }

// URL returns the path pages link an asset by: its fingerprinted copy if it
// has one. A name that is not an asset links to itself.
func (a *Assets) URL(name string) string {
	name = strings.TrimPrefix(name, "/")
	if f := a.files[name]; f != nil && f.Hashed != "" {
		return "/" + f.Hashed
	}
	return "/" + name
}
