package webtest

import (
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"github.com/BurntSushi/toml"
	"golang.org/x/tools/txtar"

	"oops/cmd/internal/build"
)

// libraryFrom writes the files of the txtar archive testdata/name into a
// new temporary folder and returns it.
func libraryFrom(t testing.TB, name string) string {
	t.Helper()
	a, err := txtar.ParseFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return writeArchive(t, a)
}

func writeArchive(t testing.TB, a *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	for _, f := range a.Files {
		name := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(name, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// writeFile writes a file of a library.
func writeFile(t testing.TB, dir, name, data string) {
	t.Helper()
	name = filepath.Join(dir, filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// buildSite builds the library in src and returns the output folder.
func buildSite(t testing.TB, src string) string {
	t.Helper()
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: src, Dest: dest}); err != nil {
		t.Fatalf("building %s: %v", src, err)
	}
	return dest
}

// pagePaths returns the URL paths of a built site's HTML pages, from its
// urls.txt, and its 404 page.
func pagePaths(t testing.TB, dest string) []string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dest, "urls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, p := range strings.Fields(string(data)) {
		if strings.HasSuffix(p, "/") || strings.HasSuffix(p, ".html") {
			paths = append(paths, p)
		}
	}
	if !strings.Contains(string(data), "/404.html\n") {
		paths = append(paths, "/404.html")
	}
	return paths
}

// pageFile returns the file of a built site that answers the URL path p.
func pageFile(dest, p string) string {
	name := strings.TrimPrefix(p, "/")
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	return filepath.Join(dest, filepath.FromSlash(name))
}

// kindOf names the kind of page of a URL path, for messages and for
// picking one page of each kind.
func kindOf(p string) string {
	parts := strings.Split(strings.Trim(p, "/"), "/")
	switch {
	case p == "/":
		return "home"
	case p == "/404.html":
		return "404"
	case len(parts) > 1 && parts[len(parts)-2] == "page":
		return parts[0] + " page"
	case len(parts) == 1 && (parts[0] == "stories" || parts[0] == "tags" || parts[0] == "paths" ||
		parts[0] == "lessons" || parts[0] == "changes" || parts[0] == "search" || parts[0] == "insights"):
		return parts[0]
	case parts[0] == "changes" && len(parts) == 2 && parts[1] == "owners":
		return "owners"
	case parts[0] == "changes" && len(parts) == 3 && parts[1] == "owners":
		return "owner"
	case parts[0] == "changes":
		return "changes view"
	case parts[0] == "stories":
		return "story"
	case parts[0] == "tags":
		return "tag"
	case parts[0] == "paths":
		return "path"
	}
	return "plain page"
}

// netlifyHeaders reads the [[headers]] rules of the repository's
// netlify.toml.
func netlifyHeaders(t testing.TB) []headerRule {
	t.Helper()
	var cfg struct {
		Headers []headerRule `toml:"headers"`
	}
	if _, err := toml.DecodeFile("../../../netlify.toml", &cfg); err != nil {
		t.Fatalf("netlify.toml: %v", err)
	}
	if len(cfg.Headers) == 0 {
		t.Fatal("netlify.toml has no [[headers]]")
	}
	return cfg.Headers
}

type headerRule struct {
	For    string            `toml:"for"`
	Values map[string]string `toml:"values"`
}

// matches reports whether the rule's path pattern (a path, or a prefix
// ending in *) applies to p.
func (r headerRule) matches(p string) bool {
	if prefix, ok := strings.CutSuffix(r.For, "*"); ok {
		return strings.HasPrefix(p, prefix)
	}
	return r.For == p
}

// csp returns the Content-Security-Policy netlify.toml sends with pages.
func csp(t testing.TB) string {
	t.Helper()
	for _, r := range netlifyHeaders(t) {
		if r.matches("/") && r.Values["Content-Security-Policy"] != "" {
			return r.Values["Content-Security-Policy"]
		}
	}
	t.Fatal("netlify.toml sends no Content-Security-Policy with pages")
	return ""
}

// serveSite serves a built site as Netlify does: folders by their
// index.html, 404.html with status 404 for what does not exist, and the
// headers of rules (none when rules is nil). It returns the site's URL,
// without the final slash.
func serveSite(t testing.TB, dest string, rules []headerRule) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, rule := range rules {
			if rule.matches(r.URL.Path) {
				for k, v := range rule.Values {
					w.Header().Set(k, v)
				}
			}
		}
		p := path.Clean(r.URL.Path)
		if strings.HasSuffix(r.URL.Path, "/") && p != "/" {
			p += "/"
		}
		name := pageFile(dest, p)
		if info, err := os.Stat(name); err == nil && info.IsDir() {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		data, err := os.ReadFile(name)
		status := http.StatusOK
		if err != nil {
			name, status = filepath.Join(dest, "404.html"), http.StatusNotFound
			data, _ = os.ReadFile(name)
		}
		if ct := contentType(name); ct != "" {
			w.Header().Set("Content-Type", ct)
		}
		w.WriteHeader(status)
		w.Write(data)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

func contentType(name string) string {
	switch path.Ext(name) {
	case ".html":
		return "text/html; charset=utf-8"
	case ".css":
		return "text/css; charset=utf-8"
	case ".js":
		return "text/javascript; charset=utf-8"
	case ".svg":
		return "image/svg+xml"
	case ".json":
		return "application/json"
	case ".xml":
		return "application/xml"
	}
	return ""
}
