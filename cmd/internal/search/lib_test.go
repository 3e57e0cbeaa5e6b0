package search_test

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"oops/cmd/internal/build"
	"oops/cmd/internal/search"
)

// readTxtar returns the files of a txtar archive: "-- name --" lines
// start each file.
func readTxtar(t testing.TB, file string) map[string][]byte {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	name := ""
	for line := range bytes.Lines(data) {
		s := strings.TrimRight(string(line), "\n")
		if strings.HasPrefix(s, "-- ") && strings.HasSuffix(s, " --") && len(s) > 6 {
			name = s[3 : len(s)-3]
			files[name] = nil
			continue
		}
		if name != "" {
			files[name] = append(files[name], line...)
		}
	}
	return files
}

// libraryFS returns the test library as a file system.
func libraryFS(t testing.TB) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range readTxtar(t, "testdata/library.txtar") {
		fsys[name] = &fstest.MapFile{Data: data, Mode: 0o644}
	}
	return fsys
}

// docs returns the stories of a library as the index sees them.
func docs(t testing.TB, fsys fstest.MapFS) []search.Doc {
	t.Helper()
	p, err := build.Prepare(fsys, build.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out []search.Doc
	for _, st := range p.Site.Stories {
		text, err := p.Renderer.StoryText(st)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, st.SearchDoc(text))
	}
	return out
}

// memFiles holds the files of an index in memory.
type memFiles struct {
	mu    sync.Mutex
	files map[string][]byte
}

func (m *memFiles) write(name string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.files == nil {
		m.files = map[string][]byte{}
	}
	m.files[name] = bytes.Clone(data)
	return nil
}

func (m *memFiles) open(name string) ([]byte, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	data, ok := m.files[name]
	if !ok {
		return nil, os.ErrNotExist
	}
	return data, nil
}

// index writes an index of ds into memory and opens it.
func index(t testing.TB, ds []search.Doc) (*search.Reader, *memFiles, search.Output) {
	t.Helper()
	ix := search.New()
	for _, d := range ds {
		ix.Add(d)
	}
	m := &memFiles{}
	out, err := ix.Write(m.write)
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(out.Root, m.open)
	if err != nil {
		t.Fatal(err)
	}
	return r, m, out
}
