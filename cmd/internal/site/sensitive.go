package site

import (
	"io/fs"
	"slices"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/sensitive"
)

// withoutScan, when set at link time
// (-ldflags=-X=oops/cmd/internal/site.withoutScan=yes), leaves the scan for
// secrets and personal data out. No user has a reason to; it lets the
// benchmarks measure what the scan adds to a build.
var withoutScan string

// scanned reports whether files of kind k are scanned for secrets and
// personal data: every file that is published, but the settings, whose
// sensitive and allow lists name what the scan looks for and lets pass.
func scanned(k Kind) bool {
	return withoutScan == "" && (k == StoryFile || k == PathFile || k == TagFile || k == PageFile)
}

// setScanner makes the scanner of the library's settings, and reports
// whether it looks for other terms or allows other values than before.
func (f *Files) setScanner() bool {
	var terms, allow []string
	if f.Settings != nil {
		terms, allow = f.Settings.Sensitive, f.Settings.Allow
	}
	changed := f.scanner == nil || !slices.Equal(terms, f.terms) || !slices.Equal(allow, f.allow)
	f.scanner, f.terms, f.allow = sensitive.New(terms, allow), terms, allow
	return changed
}

// rescan scans every published file of the library again.
func (f *Files) rescan(fsys fs.FS) {
	clear(f.Sensitive)
	for _, names := range [][]string{keys(f.Stories), keys(f.Paths), keys(f.Tags), keys(f.Pages)} {
		for _, name := range names {
			Read(fsys, name, func(src []byte) error {
				if found := f.scanner.Scan(src); len(found) > 0 {
					f.Sensitive[name] = found
				}
				return nil
			})
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// SensitiveDiags returns the secrets and personal data found in the
// library's files as diagnostics: secrets and sensitive terms are errors,
// other personal data has the severity personal.
func (f *Files) SensitiveDiags(personal diag.Severity) diag.List {
	var l diag.List
	for name, found := range f.Sensitive {
		for _, fd := range found {
			sev := diag.Error
			if fd.Kind == sensitive.Personal {
				sev = personal
			}
			l.Add(&diag.Diagnostic{File: name, Line: fd.Line, Col: fd.Col, Severity: sev, Msg: fd.Message()})
		}
	}
	return l
}

// Clean reports whether neither the file name as it was read last nor src,
// its new contents, holds a secret or personal data: then a change of its
// body alone needs no new report.
func (f *Files) Clean(name string, src []byte) bool {
	if len(f.Sensitive[name]) > 0 || !scanned(KindOf(name)) {
		return len(f.Sensitive[name]) == 0
	}
	return len(f.scanner.Scan(src)) == 0
}
