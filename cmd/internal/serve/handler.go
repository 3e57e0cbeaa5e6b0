package serve

import (
	"bytes"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net"
	"net/http"
	"net/url"
	"os"
	"path"
	"strconv"
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
// and every HTML page with the live-reload script. It answers only
// requests addressed to one of its hosts, so that a page of another site
// whose name was made to resolve to this machine (DNS rebinding) reads
// nothing, and streams events only to pages of its own origin.
type files struct {
	root  *os.Root
	hub   *hub
	hosts map[string]bool // the Host headers it answers, in lower case
}

func (h *files) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.hosts[strings.ToLower(r.Host)] {
		http.Error(w, "oops serve does not answer requests for "+r.Host+": open it at its own address", http.StatusMisdirectedRequest)
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
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
	name, ok := clean(r.URL.Path)
	if !ok {
		h.notFound(w, r)
		return
	}
	info, err := h.root.Stat(name)
	switch {
	case err == nil && info.IsDir() && !strings.HasSuffix(r.URL.Path, "/"):
		h.redirect(w, r, name)
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

// redirect sends a request for a folder without its final slash to the
// folder. The new address is made from the cleaned name, so that it is
// always a path of this site: a request for //host/../name must not
// answer with a Location that a browser reads as another host.
func (h *files) redirect(w http.ResponseWriter, r *http.Request, name string) {
	to := "/"
	if name != "." {
		to = (&url.URL{Path: "/" + name + "/"}).EscapedPath()
	}
	if r.URL.RawQuery != "" {
		to += "?" + r.URL.RawQuery
	}
	w.Header().Set("Location", to)
	w.WriteHeader(http.StatusMovedPermanently)
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
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// EventSource sends an Origin only across origins, which a page of
	// this site never is.
	if o := r.Header.Get("Origin"); o != "" && !h.sameOrigin(o) {
		http.Error(w, "events are for pages of this site only", http.StatusForbidden)
		return
	}
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

// sameOrigin reports whether origin is an http origin of one of h's hosts.
func (h *files) sameOrigin(origin string) bool {
	host, ok := strings.CutPrefix(strings.ToLower(origin), "http://")
	return ok && h.hosts[host]
}

// hostsOf returns the Host headers that a server listening on ln, asked to
// listen on addr, answers: localhost, 127.0.0.1 and [::1] with its port,
// the host of addr, and, when it listens on every interface, the
// addresses of the machine's interfaces and its name. A Host without a
// port stands for port 80.
func hostsOf(addr string, ln net.Addr) map[string]bool {
	tcp, ok := ln.(*net.TCPAddr)
	if !ok {
		return nil
	}
	names := []string{"localhost", "127.0.0.1", "::1", tcp.IP.String()}
	if host, _, err := net.SplitHostPort(addr); err == nil && host != "" {
		names = append(names, host)
	}
	if tcp.IP.IsUnspecified() {
		if addrs, err := net.InterfaceAddrs(); err == nil {
			for _, a := range addrs {
				if n, ok := a.(*net.IPNet); ok {
					names = append(names, n.IP.String())
				}
			}
		}
		if name, err := os.Hostname(); err == nil {
			names = append(names, name)
		}
	}
	port := strconv.Itoa(tcp.Port)
	hosts := map[string]bool{}
	for _, n := range names {
		hostPort := strings.ToLower(net.JoinHostPort(n, port))
		hosts[hostPort] = true
		if port == "80" {
			hosts[strings.TrimSuffix(hostPort, ":80")] = true
		}
	}
	return hosts
}
