package render

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"

	"oops/cmd/internal/diag"
)

// Assets are the site's static files: those of the library's static/
// folder over those of the default look. Every file is published at its own
// path; CSS and JavaScript are also published under /assets/ with a hash of
// their content in the name, and pages link those, so that they can be
// cached forever.
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
	f := &Asset{Name: name, Data: data, Sum: hex.EncodeToString(sum[:])}
	if fingerprinted(name) {
		ext := path.Ext(name)
		f.Hashed = "assets/" + strings.TrimSuffix(name, ext) + "." + f.Sum[:10] + ext
	}
	a.files[name] = f
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
