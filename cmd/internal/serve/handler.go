package serve

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

//go:embed livereload.js
var liveReloadJS []byte

// noSite is the page served before the first good build.
const noSite = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>oops serve</title></head>
<body><h1>Nothing to show yet</h1><p>The library has errors; they are listed in the terminal. Save a fix and this page reloads.</p></body></html>
`

// liveReloadTag is what served pages get before </body>.
const liveReloadTag = `<script src="/_oops/livereload.js"></script>`

// files serves the site in a folder: index.html for folders, 404.html with
// status 404 for what does not exist, never a file outside the folder,
// and every HTML page with the live-reload script.
type files struct {
	root *os.Root
	hub  *hub
}

func (h *files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	switch r.URL.Path {
	case "/_oops/livereload.js":
		w.Header().Set("Content-Type", "text/javascript; charset=utf-8")
		w.Header().Set("Cache-Control", "no-cache")
		w.Write(liveReloadJS)
		return
	case "/_oops/events":
		h.events(w, r)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	name, ok := clean(r.URL.Path)
	if !ok {
		h.notFound(w, r)
		return
	}
	info, err := h.root.Stat(name)
	switch {
	case err == nil && info.IsDir() && !strings.HasSuffix(r.URL.Path, "/"):
		http.Redirect(w, r, r.URL.Path+"/", http.StatusMovedPermanently)
		return
	case err == nil && info.IsDir():
		name = path.Join(name, "index.html")
	}
	data, err := h.read(name)
	if err != nil {
		h.notFound(w, r)
		return
	}
	h.write(w, r, name, data, http.StatusOK)
}

// clean turns a URL path into a name inside the folder. Go's URL parsing
// has already decoded escapes such as %2e%2e; cleaning a rooted path
// removes every .. that could climb out.
func clean(p string) (string, bool) {
	if strings.ContainsAny(p, "\x00\\") {
		return "", false
	}
	name := strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		return ".", true
	}
	if !fs.ValidPath(name) {
		return "", false
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") { // hidden and temporary files
			return "", false
		}
	}
	return name, true
}

// read reads a file of the folder; the folder's root refuses symbolic
// links that lead out of it.
func (h *files) read(name string) ([]byte, error) {
	f, err := h.root.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !info.Mode().IsRegular() {
		return nil, errors.New("not a file")
	}
	return io.ReadAll(f)
}

func (h *files) notFound(w http.ResponseWriter, r *http.Request) {
	data, err := h.read("404.html")
	if err != nil {
		// Nothing is built yet: the library has errors from the start.
		data = []byte(noSite)
	}
	h.write(w, r, "404.html", data, http.StatusNotFound)
}

func (h *files) write(w http.ResponseWriter, r *http.Request, name string, data []byte, status int) {
	ctype := contentType(name)
	if strings.HasPrefix(ctype, "text/html") {
		data = inject(data)
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Length", fmt.Sprint(len(data)))
	w.Header().Set("Cache-Control", "no-cache")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(data)
	}
}

var types = map[string]string{
	".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
	".js": "text/javascript; charset=utf-8", ".json": "application/json",
	".xml": "application/xml; charset=utf-8", ".txt": "text/plain; charset=utf-8",
	".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg",
	".gif": "image/gif", ".webp": "image/webp", ".ico": "image/x-icon", ".woff2": "font/woff2",
	".pdf": "application/pdf", ".bin": "application/octet-stream", "": "text/plain; charset=utf-8",
}

func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// inject adds the live-reload script before the page's last </body>.
func inject(page []byte) []byte {
	i := bytes.LastIndex(page, []byte("</body>"))
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+len(liveReloadTag))
	out = append(out, page[:i]...)
	out = append(out, liveReloadTag...)
	return append(out, page[i:]...)
}

// events streams the hub's events to one page (server-sent events).
func (h *files) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-cache")
	fmt.Fprint(w, "retry: 500\n\n")
	flusher.Flush()
	ch, done := h.hub.subscribe()
	defer done()
	keepAlive := time.NewTicker(15 * time.Second)
	defer keepAlive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-keepAlive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
		case e := <-ch:
			fmt.Fprintf(w, "event: %s\ndata: %s\n\n", e.name, e.data)
		}
		flusher.Flush()
	}
}
