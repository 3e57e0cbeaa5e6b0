package serve

import (
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"oops/cmd/internal/site"
)

// watched are the folders of a library whose changes rebuild the site.
var watched = []string{"content", "layouts", "static"}

// Timing of a batch of changes: an editor's save is several events (a
// temporary file, a rename, a chmod) within a few milliseconds; a batch
// ends after quiet, or at the latest after maxWait.
const (
	quiet   = 8 * time.Millisecond
	maxWait = 150 * time.Millisecond
)

// A watcher reports batches of changed files of a library, as slash paths
// relative to its folder. fsnotify watches single folders, so the watcher
// adds every folder under the watched ones, and each new one as it appears
// (the watched folders themselves too, if they are created later). A
// folder renamed is a folder gone and a folder created: the watches of the
// old name are dropped, and the new one is watched as if new, since
// fsnotify would go on naming its files by their old paths, or stop
// watching it.
type watcher struct {
	dir string
	w   *fsnotify.Watcher
}

func newWatcher(dir string) (*watcher, error) {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	wt := &watcher{dir: dir, w: w}
	if err := w.Add(dir); err != nil {
		w.Close()
		return nil, err
	}
	for _, top := range watched {
		wt.addTree(filepath.Join(dir, top))
	}
	return wt, nil
}

// addTree watches a folder and every folder under it.
func (wt *watcher) addTree(root string) {
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.IsDir() {
			return nil
		}
		if p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		wt.w.Add(p)
		return nil
	})
}

// run sends batches of changes on out until ctx is done.
func (wt *watcher) run(ctx context.Context, out chan<- []string, errs chan<- error) {
	defer wt.w.Close()
	pending := map[string]bool{}
	var timer <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-wt.w.Errors:
			if ok {
				errs <- err
			}
		case ev, ok := <-wt.w.Events:
			if !ok {
				return
			}
			name, ok := wt.relevant(ev)
			if !ok {
				continue
			}
			if len(pending) == 0 {
				first = time.Now()
			}
			pending[name] = true
			wait := min(quiet, maxWait-time.Since(first))
			timer = time.After(max(wait, 0))
		case <-timer:
			batch := make([]string, 0, len(pending))
			for n := range pending {
				batch = append(batch, n)
			}
			clear(pending)
			timer = nil
			select {
			case out <- batch:
			case <-ctx.Done():
				return
			}
		}
	}
}

// relevant turns an event into the slash path of a changed file of the
// library, adding a watch when a folder appears. Editors' temporary and
// backup files are not relevant.
func (wt *watcher) relevant(ev fsnotify.Event) (string, bool) {
	if ev.Op&(fsnotify.Rename|fsnotify.Remove) != 0 {
		wt.drop(ev.Name)
	}
	rel, err := filepath.Rel(wt.dir, ev.Name)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	top, _, _ := strings.Cut(rel, "/")
	if !isWatched(top) || site.Backup(filepath.Base(ev.Name)) || ev.Op == fsnotify.Chmod {
		return "", false
	}
	if ev.Op&(fsnotify.Create|fsnotify.Rename) != 0 {
		if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
			wt.addTree(ev.Name)
		}
	}
	return rel, true
}

// drop stops watching the folder dir and every folder under it.
func (wt *watcher) drop(dir string) {
	for _, p := range wt.w.WatchList() {
		if p == dir || strings.HasPrefix(p, dir+string(filepath.Separator)) {
			wt.w.Remove(p)
		}
	}
}

func isWatched(top string) bool {
	for _, w := range watched {
		if top == w {
			return true
		}
	}
	return false
}
