// Package search builds the static search index of a site.
package search

import "sync"

// A Doc is one story as the index sees it.
type Doc struct {
	Slug     string
	URL      string
	Title    string
	Summary  string
	Date     string // YYYY-MM-DD
	Severity string
	Tags     []string
	Lessons  []string
	Changes  []string // what changed afterward
	Body     []byte   // plain text of the body
}

// An Index holds the documents of a site. Add and Remove may be called
// from several goroutines.
type Index struct {
	mu   sync.Mutex
	docs map[string]Doc
}

// New returns an empty index.
func New() *Index { return &Index{docs: map[string]Doc{}} }

// Add adds d, replacing a document with the same slug.
func (ix *Index) Add(d Doc) {
	ix.mu.Lock()
	ix.docs[d.Slug] = d
	ix.mu.Unlock()
}

// Remove removes the document with the slug.
func (ix *Index) Remove(slug string) {
	ix.mu.Lock()
	delete(ix.docs, slug)
	ix.mu.Unlock()
}

// Write writes the index files with write (paths relative to the output
// root) and returns the URL path of the index's root file.
func (ix *Index) Write(write func(name string, data []byte) error) (string, error) {
	return "", nil
}

// Names returns the files of the index as the last Write wrote them.
func (ix *Index) Names() []string { return nil }
