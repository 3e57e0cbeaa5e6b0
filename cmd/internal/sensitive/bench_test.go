package sensitive

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// BenchmarkScan scans every Markdown file of the library named by
// $OOPS_CORPUS (a gen_corpus.py output folder) once per iteration, and fails
// on any finding: generated stories hold no secret and no personal data.
//
//	OOPS_CORPUS=/tmp/oops-bench-c10000 go test -run '^$' -bench Scan -benchtime 3x ./cmd/internal/sensitive/
func BenchmarkScan(b *testing.B) {
	src := os.Getenv("OOPS_CORPUS")
	if src == "" {
		b.Skip("set OOPS_CORPUS to a generated library to run this benchmark")
	}
	files := readCorpus(b, src)
	s := New(nil, nil)
	if _, err := loadRules(); err != nil {
		b.Fatal(err)
	}
	size := 0
	for _, f := range files {
		size += len(f.data)
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, f := range files {
			for _, fi := range s.Scan(f.data) {
				b.Errorf("%s:%d:%d: %s", f.name, fi.Line, fi.Col, fi.Message())
			}
		}
	}
}

type corpusFile struct {
	name string
	data []byte
}

func readCorpus(b *testing.B, root string) []corpusFile {
	var files []corpusFile
	err := filepath.WalkDir(filepath.Join(root, "content"), func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
			return err
		}
		data, err := os.ReadFile(path)
		files = append(files, corpusFile{path, data})
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	return files
}
