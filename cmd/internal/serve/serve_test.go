package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"io/fs"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"oops/cmd/internal/build"
)

const library = `---
title: Test library
base_url: https://test.example.com/
---
Hello.
`

func storyText(title, date, body string, tags ...string) string {
	return "---\ntitle: " + title + "\ndate: " + date + "\nsummary: About " + title + ".\ntags: [" +
		strings.Join(append([]string{"alpha"}, tags...), ", ") + "]\n---\n" + body + "\n"
}

// running is an oops serve over a temporary library.
type running struct {
	t    *testing.T
	dir  string
	url  string
	log  *syncBuffer
	stop func()
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func serveLibrary(t *testing.T, files map[string]string) *running {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		write(t, filepath.Join(dir, name), text)
	}
	r := &running{t: t, dir: dir, log: &syncBuffer{}}
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Source: dir, Addr: "127.0.0.1:0", Log: r.log, Ready: func(u string) { ready <- u }})
	}()
	select {
	case r.url = <-ready:
	case err := <-done:
		t.Fatalf("serve: %v\n%s", err, r.log.String())
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not start")
	}
	r.stop = func() {
		cancel()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("serve ended with %v", err)
			}
		case <-time.After(5 * time.Second):
			t.Error("serve did not stop")
		}
	}
	t.Cleanup(r.stop)
	return r
}

func write(t *testing.T, name, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func (r *running) get(path string) (int, string) {
	r.t.Helper()
	resp, err := http.Get(r.url + strings.TrimPrefix(path, "/"))
	if err != nil {
		r.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// await polls path until cond holds for the status and body.
func (r *running) await(path, what string, cond func(int, string) bool) {
	r.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		code, body := r.get(path)
		if cond(code, body) {
			return
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("%s: %s did not happen; last answer %d:\n%.600s\nserver log:\n%s", path, what, code, body, r.log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func contains(s string) func(int, string) bool {
	return func(code int, body string) bool { return code == 200 && strings.Contains(body, s) }
}

func status(want int) func(int, string) bool {
	return func(code int, _ string) bool { return code == want }
}

func TestServeRebuildsWhatChanged(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":         library,
		"content/stories/first.md":  storyText("First", "2024-01-01", "First body."),
		"content/stories/second.md": storyText("Second", "2024-02-01", "Second body."),
	})
	if code, body := r.get("/stories/first/"); code != 200 || !strings.Contains(body, liveReloadTag) {
		t.Fatalf("story page: %d, live reload script missing:\n%.300s", code, body)
	}

	// Edit a story's body.
	write(t, filepath.Join(r.dir, "content/stories/first.md"), storyText("First", "2024-01-01", "An edited body."))
	r.await("/stories/first/", "the edit", contains("An edited body."))

	// Edit its title: lists follow.
	write(t, filepath.Join(r.dir, "content/stories/first.md"), storyText("First, renamed", "2024-01-01", "An edited body."))
	r.await("/stories/", "the new title in the list", contains("First, renamed"))
	r.await("/tags/alpha/", "the new title on the tag page", contains("First, renamed"))

	// Create a story in a new folder, with a new tag.
	write(t, filepath.Join(r.dir, "content/stories/2025/third.md"), storyText("Third", "2025-01-01", "Third body.", "gamma"))
	r.await("/stories/third/", "the new story", contains("Third body."))
	r.await("/tags/gamma/", "the new tag", contains("Third"))
	r.await("/", "the new story on the home page", contains("Third"))

	// Rename a story file and its slug: the old page goes, the new one comes.
	os.Rename(filepath.Join(r.dir, "content/stories/second.md"), filepath.Join(r.dir, "content/stories/second-renamed.md"))
	r.await("/stories/second-renamed/", "the renamed story", contains("Second body."))
	r.await("/stories/second/", "the old page to go", status(404))

	// Delete a story.
	os.Remove(filepath.Join(r.dir, "content/stories/2025/third.md"))
	r.await("/stories/third/", "the deleted story to go", status(404))
	r.await("/tags/gamma/", "the emptied tag to go", status(404))

	// Edit a layout, then a static file.
	write(t, filepath.Join(r.dir, "layouts/page.html"), `{{define "main"}}<h1>{{.Plain.Title}}</h1><p>Custom layout</p>{{end}}`)
	write(t, filepath.Join(r.dir, "content/about.md"), "---\ntitle: About\n---\nAbout.\n")
	r.await("/about/", "the custom layout", contains("Custom layout"))
	write(t, filepath.Join(r.dir, "static/notes.txt"), "version one")
	r.await("/notes.txt", "the static file", contains("version one"))
	write(t, filepath.Join(r.dir, "static/notes.txt"), "version two")
	r.await("/notes.txt", "the edited static file", contains("version two"))

	// Editors' temporary files are ignored.
	write(t, filepath.Join(r.dir, "content/stories/.first.md.swp"), "garbage")
	write(t, filepath.Join(r.dir, "content/stories/first.md~"), "garbage")
	time.Sleep(100 * time.Millisecond)
	if strings.Contains(r.log.String(), "swp") {
		t.Errorf("a swap file was read:\n%s", r.log.String())
	}
}

func TestServeKeepsLastGoodSiteOnBrokenSave(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":        library,
		"content/stories/first.md": storyText("First", "2024-01-01", "Good body."),
	})
	events := r.events()
	broken := "---\ntitle: First\ndate: 2024-01-01\nsumary: typo\ntags: [alpha]\n---\nBroken body.\n"
	write(t, filepath.Join(r.dir, "content/stories/first.md"), broken)
	e := events.next(t, "errors")
	for _, want := range []string{`"file":"content/stories/first.md"`, `"line":4`, `did you mean \"summary\"`, `"text":"sumary: typo"`} {
		if !strings.Contains(e, want) {
			t.Errorf("errors event lacks %s:\n%s", want, e)
		}
	}
	if !strings.Contains(r.log.String(), "content/stories/first.md:4:1: unknown field \"sumary\"") {
		t.Errorf("terminal lacks the error:\n%s", r.log.String())
	}
	if code, body := r.get("/stories/first/"); code != 200 || !strings.Contains(body, "Good body.") {
		t.Errorf("last good page not served: %d", code)
	}
	// A page opened while the site is broken learns of it at once.
	if e := r.events().next(t, "errors"); !strings.Contains(e, "sumary") {
		t.Errorf("new page not told of the errors: %s", e)
	}
	// A broken layout too.
	write(t, filepath.Join(r.dir, "content/stories/first.md"), storyText("First", "2024-01-01", "Fixed body."))
	events.next(t, "reload")
	r.await("/stories/first/", "the fix", contains("Fixed body."))
	write(t, filepath.Join(r.dir, "layouts/story.html"), "{{define \"main\"}}\n{{.Story.Title\n{{end}}\n")
	if e := events.next(t, "errors"); !strings.Contains(e, `"file":"layouts/story.html"`) {
		t.Errorf("layout error event: %s", e)
	}
	os.Remove(filepath.Join(r.dir, "layouts/story.html"))
	events.next(t, "reload")
}

// eventStream reads the server-sent events a page receives.
type eventStream struct {
	lines chan string
}

func (r *running) events() *eventStream {
	r.t.Helper()
	resp, err := http.Get(r.url + "_oops/events")
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { resp.Body.Close() })
	es := &eventStream{lines: make(chan string, 100)}
	go func() {
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(nil, 1<<20)
		var name string
		for sc.Scan() {
			line := sc.Text()
			if n, ok := strings.CutPrefix(line, "event: "); ok {
				name = n
			} else if d, ok := strings.CutPrefix(line, "data: "); ok {
				es.lines <- name + " " + d
			}
		}
	}()
	return es
}

// any waits for the next event and returns its name and data.
func (es *eventStream) any(t *testing.T) (name, data string) {
	t.Helper()
	select {
	case l := <-es.lines:
		name, data, _ = strings.Cut(l, " ")
		return name, data
	case <-time.After(5 * time.Second):
		t.Fatal("no event")
	}
	return "", ""
}

// next waits for the next event named name and returns its data.
func (es *eventStream) next(t *testing.T, name string) string {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case l := <-es.lines:
			if n, d, _ := strings.Cut(l, " "); n == name {
				return d
			}
		case <-timeout:
			t.Fatalf("no %q event", name)
		}
	}
}

// TestServedSiteIsTheBuiltSite compares every file the server serves with
// what oops build writes, the live-reload script aside.
func TestServedSiteIsTheBuiltSite(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":         library,
		"content/about.md":          "---\ntitle: About\n---\nAbout.\n",
		"content/stories/first.md":  storyText("First", "2024-01-01", "Body with `code`.", "beta"),
		"content/stories/second.md": storyText("Second", "2024-02-01", "```go\nfunc x() {}\n```"),
		"content/paths/start.md":    "---\ntitle: Start\nstories: [second, first]\n---\n",
	})
	// Edit once so that the comparison covers an incremental rebuild.
	write(t, filepath.Join(r.dir, "content/stories/first.md"), storyText("First", "2024-01-01", "Edited.", "beta"))
	r.await("/stories/first/", "the edit", contains("Edited."))
	dest := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: r.dir, Dest: dest}); err != nil {
		t.Fatal(err)
	}
	n := 0
	filepath.WalkDir(dest, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == build.Marker { // a note to the next build, not served
			return err
		}
		rel, _ := filepath.Rel(dest, p)
		want, _ := os.ReadFile(p)
		_, got := r.get("/" + filepath.ToSlash(rel))
		got = strings.Replace(got, liveReloadTag, "", 1)
		if got != string(want) {
			t.Errorf("served /%s differs from the built file", rel)
		}
		n++
		return nil
	})
	if n < 20 {
		t.Errorf("compared only %d files", n)
	}
}

func TestServeNeverLeavesTheSite(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":        library,
		"content/stories/first.md": storyText("First", "2024-01-01", "Body."),
	})
	secret := filepath.Join(filepath.Dir(r.dir), "secret.txt")
	write(t, secret, "SECRET")
	for _, p := range []string{
		"/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2E%2E/etc/passwd", "/..%2fsecret.txt",
		"/stories/..%2f..%2f..%2fsecret.txt", "/.%2e/secret.txt", "/..\\secret.txt", "/%00", "/.tmp-x",
	} {
		resp, err := rawGet(r.url, p)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(resp, "SECRET") || strings.Contains(resp, "root:") || !strings.Contains(resp, " 404 ") && !strings.Contains(resp, " 400 ") {
			t.Errorf("GET %s:\n%.300s", p, resp)
		}
	}
	code, body := r.get("/no/such/page/")
	if code != 404 || !strings.Contains(body, "Page not found") || !strings.Contains(body, liveReloadTag) {
		t.Errorf("missing page: %d\n%.300s", code, body)
	}
	for path, ctype := range map[string]string{
		"/": "text/html; charset=utf-8", "/feed.xml": "application/xml; charset=utf-8",
		"/urls.txt": "text/plain; charset=utf-8", "/css/site.css": "text/css; charset=utf-8",
		"/js/site.js": "text/javascript; charset=utf-8", "/favicon.svg": "image/svg+xml",
		"/_redirects": "text/plain; charset=utf-8",
	} {
		resp, err := http.Get(r.url + strings.TrimPrefix(path, "/"))
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if got := resp.Header.Get("Content-Type"); got != ctype {
			t.Errorf("%s: Content-Type %q, want %q", path, got, ctype)
		}
	}
}

// rawGet sends a request line as given, unnormalised by any client.
func rawGet(base, path string) (string, error) {
	host := strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/")
	return rawRequest(base, "GET "+path+" HTTP/1.1\r\nHost: "+host+"\r\n")
}

// rawRequest sends the request line and headers head as they are, and
// returns the answer: all of it, or its head if it goes on streaming.
func rawRequest(base, head string) (string, error) {
	conn, err := net.Dial("tcp", strings.TrimSuffix(strings.TrimPrefix(base, "http://"), "/"))
	if err != nil {
		return "", err
	}
	defer conn.Close()
	conn.SetDeadline(time.Now().Add(5 * time.Second))
	io.WriteString(conn, head+"Connection: close\r\n\r\n")
	var b []byte
	buf := make([]byte, 4096)
	for {
		n, err := conn.Read(buf)
		b = append(b, buf[:n]...)
		if err != nil || bytes.Contains(b, []byte("text/event-stream")) && bytes.Contains(b, []byte("\r\n\r\n")) {
			return string(b), nil
		}
	}
}

func TestServeSymlinkOutOfTheTree(t *testing.T) {
	dir := t.TempDir()
	outside := filepath.Join(t.TempDir(), "outside.txt")
	write(t, outside, "SECRET")
	write(t, filepath.Join(dir, "content/_index.md"), library)
	write(t, filepath.Join(dir, "content/stories/first.md"), storyText("First", "2024-01-01", "Body."))
	os.MkdirAll(filepath.Join(dir, "static"), 0o755)
	if err := os.Symlink(outside, filepath.Join(dir, "static/leak.txt")); err != nil {
		t.Skip("no symlinks here")
	}
	os.Symlink(outside, filepath.Join(dir, "content/stories/leak.md"))
	ready := make(chan string, 1)
	ctx, cancel := context.WithCancel(context.Background())
	log := &syncBuffer{}
	done := make(chan error, 1)
	defer func() { cancel(); <-done }() // the server removes its folder
	go func() {
		done <- Run(ctx, Options{Source: dir, Addr: "127.0.0.1:0", Log: log, Ready: func(u string) { ready <- u }})
	}()
	var url string
	select {
	case url = <-ready:
	case err := <-done:
		t.Fatalf("serve: %v", err)
	}
	for _, p := range []string{"leak.txt", "stories/leak/"} {
		resp, err := http.Get(url + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if strings.Contains(string(body), "SECRET") {
			t.Errorf("%s served a file from outside the library", p)
		}
	}
	if !strings.Contains(log.String(), "outside the source folder") {
		t.Errorf("the symbolic links were not reported:\n%s", log.String())
	}
}

func TestServeBusyPort(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content/_index.md"), library)
	err = Run(context.Background(), Options{Source: dir, Addr: ln.Addr().String(), Log: io.Discard})
	if err == nil || !strings.Contains(err.Error(), "already in use") || !strings.Contains(err.Error(), "-addr") {
		t.Errorf("busy port: %v", err)
	}
}

// TestServeWatchesRenamedFolders renames folders of stories, and the
// watched folders themselves, and edits and creates files in them after.
func TestServeWatchesRenamedFolders(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":            library,
		"content/about.md":             "---\ntitle: About\n---\nAbout.\n",
		"content/stories/x1/a.md":      storyText("A", "2024-01-01", "A body."),
		"content/stories/x1/deep/b.md": storyText("B", "2024-02-01", "B body."),
		"layouts/page.html":            `{{define "main"}}<p>Layout one</p>{{end}}`,
		"static/notes.txt":             "version one",
	})
	path := func(name string) string { return filepath.Join(r.dir, name) }
	rename := func(from, to string) {
		t.Helper()
		if err := os.Rename(path(from), path(to)); err != nil {
			t.Fatal(err)
		}
	}
	rename("content/stories/x1", "content/stories/y1")
	r.await("/stories/a/", "the story in the renamed folder", contains("A body."))
	write(t, path("content/stories/y1/a.md"), storyText("A", "2024-01-01", "A edited."))
	r.await("/stories/a/", "an edit in the renamed folder", contains("A edited."))
	write(t, path("content/stories/y1/deep/b.md"), storyText("B", "2024-02-01", "B edited."))
	r.await("/stories/b/", "an edit in a folder under the renamed one", contains("B edited."))
	write(t, path("content/stories/y1/deep/c.md"), storyText("C", "2024-03-01", "C body."))
	r.await("/stories/c/", "a new story in a folder under the renamed one", contains("C body."))

	// Away and back again: the watched folders themselves.
	for _, top := range []string{"content", "layouts", "static"} {
		rename(top, top+".old")
		rename(top+".old", top)
	}
	write(t, path("content/stories/y1/deep/b.md"), storyText("B", "2024-02-01", "B edited again."))
	r.await("/stories/b/", "an edit after content/ was renamed", contains("B edited again."))
	write(t, path("layouts/page.html"), `{{define "main"}}<p>Layout two</p>{{end}}`)
	r.await("/about/", "an edit after layouts/ was renamed", contains("Layout two"))
	write(t, path("static/notes.txt"), "version two")
	r.await("/notes.txt", "an edit after static/ was renamed", contains("version two"))
}

// TestServeWaitsForAFileBeingWritten saves a story as an editor does
// that empties the file, or writes part of it, and the rest a little
// later: no error is shown for the file in between.
func TestServeWaitsForAFileBeingWritten(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":        library,
		"content/stories/first.md": storyText("First", "2024-01-01", "Version zero."),
	})
	events := r.events()
	file := filepath.Join(r.dir, "content/stories/first.md")
	for i := 1; i <= 6; i++ {
		whole := storyText("First", "2024-01-01", "Version "+strconv.Itoa(i)+".")
		write(t, file, whole[:i%2*len(whole)/3])
		time.Sleep(20 * time.Millisecond) // longer than a batch of changes waits
		write(t, file, whole)
		if name, data := events.any(t); name != "reload" {
			t.Fatalf("save %d: a %s event %s\nserver log:\n%s", i, name, data, r.log.String())
		}
		r.await("/stories/first/", "the save", contains("Version "+strconv.Itoa(i)+"."))
	}
	if strings.Contains(r.log.String(), "still serving") {
		t.Errorf("the terminal showed errors:\n%s", r.log.String())
	}
	// An empty file that stays empty is an error, at its place.
	write(t, file, "")
	events.next(t, "errors")
	if want := "content/stories/first.md:1:1: empty file"; !strings.Contains(r.log.String(), want) {
		t.Errorf("the terminal lacks %q:\n%s", want, r.log.String())
	}
}

func TestServeSaysWhenReachableFromTheNetwork(t *testing.T) {
	dir := t.TempDir()
	write(t, filepath.Join(dir, "content/_index.md"), library)
	for addr, want := range map[string]bool{"0.0.0.0:0": true, "127.0.0.1:0": false, "localhost:0": false} {
		log := &syncBuffer{}
		ctx, cancel := context.WithCancel(context.Background())
		err := Run(ctx, Options{Source: dir, Addr: addr, Log: log, Ready: func(string) { cancel() }})
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Contains(log.String(), "reachable from the network"); got != want {
			t.Errorf("-addr %s: said reachable from the network: %v, want %v\n%s", addr, got, want, log.String())
		}
	}
}

// TestServeRefusesASecret checks that a save that adds a secret to a story
// shows the error overlay, with the secret masked in its message and in the
// lines of the file it shows, and in the terminal, while the last good page
// keeps being served; and that a sensitive term added to the settings is
// looked for in the stories at once.
func TestServeRefusesASecret(t *testing.T) {
	const key = "AKIAZ7Q4MUXNBWEPSRT6"
	r := serveLibrary(t, map[string]string{
		"content/_index.md":        library,
		"content/stories/first.md": storyText("First", "2024-01-01", "Good body, for Initech."),
	})
	events := r.events()
	write(t, filepath.Join(r.dir, "content/stories/first.md"), storyText("First", "2024-01-01", "Leaked `"+key+"` in a log."))
	e := events.next(t, "errors")
	for _, want := range []string{`"file":"content/stories/first.md"`, `"line":7`, `secret (aws-access-token) \"AKIA…\"`, `"text":"Leaked `} {
		if !strings.Contains(e, want) {
			t.Errorf("errors event lacks %s:\n%s", want, e)
		}
	}
	if strings.Contains(e, key) || strings.Contains(r.log.String(), key) {
		t.Errorf("the secret was shown whole:\n%s\n%s", e, r.log.String())
	}
	if code, body := r.get("/stories/first/"); code != 200 || !strings.Contains(body, "Good body") || strings.Contains(body, key) {
		t.Errorf("last good page not served: %d", code)
	}
	write(t, filepath.Join(r.dir, "content/stories/first.md"), storyText("First", "2024-01-01", "Good body, for Initech."))
	events.next(t, "reload")
	write(t, filepath.Join(r.dir, "content/_index.md"), strings.Replace(library, "title: Test library", "title: Test library\nsensitive: [Initech]", 1))
	if e := events.next(t, "errors"); !strings.Contains(e, `sensitive term \"I…\"`) || strings.Contains(e, "Initech") {
		t.Errorf("errors event after a new sensitive term:\n%s", e)
	}
}
