package search_test

import (
	"fmt"
	"os"
	"runtime"
	"sync"
	"syscall"
	"testing"
	"time"

	"oops/cmd/internal/build"
	"oops/cmd/internal/search"
	"oops/cmd/internal/source"
)

// corpus is the library the benchmarks index: $OOPS_BENCH_CORPUS, or
// /tmp/c10k (python3 gen_corpus.py 10000 /tmp/c10k).
func corpus(b *testing.B) []search.Doc {
	dir := os.Getenv("OOPS_BENCH_CORPUS")
	if dir == "" {
		dir = "/tmp/c10k"
	}
	corpusOnce.Do(func() { corpusDocs, corpusErr = loadCorpus(dir) })
	if corpusErr != nil {
		b.Skipf("no corpus at %s: %v", dir, corpusErr)
	}
	return corpusDocs
}

var (
	corpusOnce sync.Once
	corpusDocs []search.Doc
	corpusErr  error
)

func loadCorpus(dir string) ([]search.Doc, error) {
	src, err := source.Open(dir)
	if err != nil {
		return nil, err
	}
	p, err := build.Prepare(src, build.Options{Source: dir})
	if err != nil {
		return nil, err
	}
	var docs []search.Doc
	for _, st := range p.Site.Stories {
		text, err := p.Renderer.StoryText(st)
		if err != nil {
			return nil, err
		}
		docs = append(docs, st.SearchDoc(text))
	}
	return docs, nil
}

// cpuTime returns the processor time the process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU reports the processor time per operation since start: on a
// shared machine it varies less than the time on the clock.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64((cpuTime()-start).Milliseconds())/float64(b.N), "cpu-ms/op")
}

// BenchmarkAdd is the work the index adds to rendering the story pages.
func BenchmarkAdd(b *testing.B) {
	docs := corpus(b)
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		ix := search.New()
		var wg sync.WaitGroup
		for w := range 2 {
			wg.Go(func() {
				for i := w; i < len(docs); i += 2 {
					ix.Add(docs[i])
				}
			})
		}
		wg.Wait()
	}
}

// BenchmarkWrite is the work of writing the index once every story is in.
func BenchmarkWrite(b *testing.B) {
	docs := corpus(b)
	before := liveMB()
	ix := search.New()
	for _, d := range docs {
		ix.Add(d)
	}
	var bytes, files int
	var mu sync.Mutex
	start := cpuTime()
	defer reportCPU(b, start)
	for b.Loop() {
		bytes, files = 0, 0
		search.ForgetWritten(ix)
		_, err := ix.Write(func(name string, data []byte) error {
			mu.Lock()
			bytes += len(data)
			files++
			mu.Unlock()
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(bytes), "bytes")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(liveMB()-before, "index-MB")
	runtime.KeepAlive(docs)
	runtime.KeepAlive(ix)
}

// liveMB returns the megabytes of live heap.
func liveMB() float64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return float64(m.HeapAlloc) / (1 << 20)
}

// BenchmarkWriteEdit is a Write after one story's body changed, as when
// a writer saves a story while the site is served.
func BenchmarkWriteEdit(b *testing.B) {
	docs := corpus(b)
	ix := search.New()
	for _, d := range docs {
		ix.Add(d)
	}
	discard := func(string, []byte) error { return nil }
	if _, err := ix.Write(discard); err != nil {
		b.Fatal(err)
	}
	d := docs[len(docs)/2]
	written := 0
	start := cpuTime()
	defer reportCPU(b, start)
	i := 0
	for b.Loop() {
		i++
		e := d
		// A sentence of known words, and a new word now and then.
		e.Body = append(append([]byte(nil), d.Body...), " The rollback was fast."...)
		if i%4 == 0 {
			e.Body = append(e.Body, fmt.Sprintf(" edit%d", i)...)
		}
		ix.Add(e)
		out, err := ix.Write(discard)
		if err != nil {
			b.Fatal(err)
		}
		written = out.Written
	}
	b.ReportMetric(float64(written), "files/op")
}
