package build

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/render"
	"oops/cmd/internal/site"
)

// A Writer is where a build puts its files.
type Writer interface {
	WriteFile(name string, data []byte) error
}

// A Creator is a Writer that can also write a file as it is rendered,
// which the files that grow with the library without bound need.
type Creator interface {
	Create(name string) (io.WriteCloser, error)
}

// searchPage is the output file of the search page, rendered last: it
// names the search index, which is complete only when every story is.
const searchPage = "search/index.html"

// Write renders every file of the plan into w.
func (p *Plan) Write(w Writer, progress io.Writer) (*Result, error) {
	return p.write(w, nil, progress)
}

// WriteChanged renders into w every file whose signature differs from
// prev's (every file when prev is nil), and records what it wrote in p.
func (p *Plan) WriteChanged(w Writer, prev *Plan) (*Result, error) {
	return p.write(w, prev, nil)
}

func (p *Plan) write(w Writer, prev *Plan, progress io.Writer) (*Result, error) {
	old := map[string]uint64(nil)
	if prev != nil {
		old = prev.sigs
	}
	p.sigs = map[string]uint64{}
	if prev == nil {
		if err := w.WriteFile(Marker, []byte(markerText)); err != nil {
			return nil, err
		}
	}
	res, err := p.writeJobs(w, p.Renderer.Jobs(), old, progress)
	if err != nil {
		return nil, err
	}
	n, err := p.writeAssets(w, prev)
	res.Files += n
	return res, err
}

// WriteBodies writes again the files that show the bodies of stories whose
// bodies alone changed, and the search index and page.
func (p *Plan) WriteBodies(w Writer, stories []*site.Story) (*Result, error) {
	return p.writeJobs(w, p.Renderer.BodyJobs(stories), p.sigs, nil)
}

// writeJobs runs the jobs whose signatures differ from those in old (all of
// them when old is nil), recording the new ones in p.sigs; then it writes
// the search index, and the search page, which names the index.
func (p *Plan) writeJobs(w Writer, jobs []*render.Job, old map[string]uint64, progress io.Writer) (*Result, error) {
	changed := func(j *render.Job) bool {
		was, ok := old[j.Name]
		p.sigs[j.Name] = j.Sig
		return old == nil || !ok || was != j.Sig
	}
	// The jobs that feed the search index run first, and the index is
	// written while the others run.
	var todo, others []*render.Job
	for _, j := range jobs {
		switch {
		case j.Name == searchPage || !changed(j):
		case j.Indexed:
			todo = append(todo, j)
		default:
			others = append(others, j)
		}
	}
	indexed := len(todo)
	todo = append(todo, others...)
	var searchFiles int
	err := runThen(todo, indexed, func() (err error) {
		searchFiles, err = p.writeSearch(w)
		return err
	}, w, progress)
	if err != nil {
		return nil, err
	}
	if j := p.Renderer.SearchJob(); changed(j) {
		if err := Run([]*render.Job{j}, w, nil); err != nil {
			return nil, err
		}
		todo = append(todo, j)
	}
	res := &Result{Files: len(todo) + searchFiles, Warnings: p.Diags}
	for _, j := range todo {
		if strings.HasSuffix(j.URL, "/") {
			res.Pages++
		}
	}
	return res, nil
}

// writeSearch writes the files of the search index that changed since its
// last Write and gives the search page the index's URL.
func (p *Plan) writeSearch(w Writer) (int, error) {
	if withoutIndex != "" {
		return 0, nil
	}
	index, err := p.Search.Write(w.WriteFile)
	if err != nil {
		return 0, fmt.Errorf("search index: %w", err)
	}
	p.Renderer.SearchIndex = index.Root
	return index.Written, nil
}

// Names returns the output files of the plan's last write, other than the
// search index's.
func (p *Plan) Names() map[string]bool {
	names := make(map[string]bool, len(p.sigs)+2*len(p.Assets.Names())+1)
	names[Marker] = true
	for n := range p.sigs {
		names[n] = true
	}
	for _, n := range p.Assets.Names() {
		names[n] = true
		if h := p.Assets.Get(n).Hashed; h != "" {
			names[h] = true
		}
	}
	return names
}

// writeAssets writes the static files that differ from prev's.
func (p *Plan) writeAssets(w Writer, prev *Plan) (int, error) {
	a, n := p.Assets, 0
	for _, name := range a.Names() {
		f := a.Get(name)
		if prev != nil {
			if old := prev.Assets.Get(name); old != nil && old.Sum == f.Sum && old.Hashed == f.Hashed {
				continue
			}
		}
		if err := w.WriteFile(f.Name, f.Data); err != nil {
			return n, err
		}
		n++
		if f.Hashed != "" {
			if err := w.WriteFile(f.Hashed, f.HashedData); err != nil {
				return n, err
			}
			n++
		}
	}
	return n, nil
}

// Run renders jobs in parallel and writes their files. It stops at the
// first error and returns every error met by then.
func Run(jobs []*render.Job, w Writer, progress io.Writer) error {
	return runThen(jobs, 0, nil, w, progress)
}

// runThen runs jobs as Run does and, if then is not nil, calls it as soon
// as the first n jobs are written, while the others run. An error of the
// jobs wins over one of then, which it returns as it is.
func runThen(jobs []*render.Job, n int, then func() error, w Writer, progress io.Writer) error {
	var (
		next    atomic.Int64
		done    atomic.Int64
		first   atomic.Int64 // of the first n jobs, how many are written
		failed  atomic.Bool
		mu      sync.Mutex
		errs    diag.List
		thenErr error
		wg      sync.WaitGroup
	)
	start := func() {
		if then != nil {
			wg.Go(func() {
				if thenErr = then(); thenErr != nil {
					failed.Store(true)
				}
			})
		}
	}
	if n == 0 {
		start()
	}
	stop := showProgress(progress, &done, len(jobs))
	defer stop()
	for range runtime.GOMAXPROCS(0) + 1 {
		wg.Go(func() {
			var buf bytes.Buffer
			for !failed.Load() {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				err := writeJob(jobs[i], w, &buf)
				if err != nil {
					failed.Store(true)
					mu.Lock()
					errs.Append(asDiag(err, jobs[i].Name))
					mu.Unlock()
				} else if i < n && int(first.Add(1)) == n {
					start()
				}
				done.Add(1)
			}
		})
	}
	wg.Wait()
	errs.Sort()
	if err := errs.Err(); err != nil {
		return err
	}
	return thenErr
}

// writeJob renders a job's file into w, through buf or, for a job that
// streams and a writer that can take it, straight into the file.
func writeJob(j *render.Job, w Writer, buf *bytes.Buffer) error {
	c, ok := w.(Creator)
	if !ok || !j.Streams() {
		buf.Reset()
		if err := j.Run(buf); err != nil {
			return err
		}
		return w.WriteFile(j.Name, buf.Bytes())
	}
	f, err := c.Create(j.Name)
	if err != nil {
		return err
	}
	err = j.Stream(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

func asDiag(err error, name string) diag.List {
	if l := diag.As(err); l != nil {
		return l
	}
	return diag.List{diag.Errorf(name, 0, 0, "%v", err)}
}

// showProgress prints how many of total files are done, every tenth of a
// second, until the returned function is called.
func showProgress(w io.Writer, done *atomic.Int64, total int) func() {
	if w == nil || total < 1000 {
		return func() {}
	}
	quit := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(100 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				fmt.Fprintf(w, "\r\033[K")
				return
			case <-t.C:
				fmt.Fprintf(w, "\rwriting pages: %d/%d", done.Load(), total)
			}
		}
	}()
	return func() { close(quit); <-finished }
}

func (p *Plan) addToSearch(st *site.Story, text []byte) {
	p.Search.Add(st.SearchDoc(text))
}
