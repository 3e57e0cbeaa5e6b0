package serve

import (
	"net"
	"strings"
	"testing"
)

// TestServeAnswersOnlyItsOwnHost sends requests as a page of another site
// would after making its name resolve to this machine (DNS rebinding):
// they are refused, the stream of events, with the lines around each
// error, first of all.
func TestServeAnswersOnlyItsOwnHost(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":        library,
		"content/stories/first.md": storyText("First", "2024-01-01", "Body."),
	})
	_, port, _ := net.SplitHostPort(strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/"))
	for _, host := range []string{"127.0.0.1:" + port, "localhost:" + port, "LocalHost:" + port, "[::1]:" + port} {
		for _, path := range []string{"/", "/_oops/livereload.js", "/_oops/events"} {
			resp, err := rawRequest(r.url, "GET "+path+" HTTP/1.1\r\nHost: "+host+"\r\n")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(resp, "HTTP/1.1 200 ") {
				t.Errorf("GET %s with Host %s:\n%.300s", path, host, resp)
			}
		}
	}
	for _, host := range []string{
		"evil.example:" + port, "evil.example", "localhost.evil.example:" + port,
		"127.0.0.1.evil.example:" + port, "127.0.0.1", "localhost:1", "127.0.0.1:" + port + ".evil.example",
	} {
		for _, path := range []string{"/", "/stories/first/", "/_oops/events", "/_oops/livereload.js", "/stories"} {
			resp, err := rawRequest(r.url, "GET "+path+" HTTP/1.1\r\nHost: "+host+"\r\n")
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(resp, "HTTP/1.1 421 ") || strings.Contains(resp, "First") || strings.Contains(resp, "event") {
				t.Errorf("GET %s with Host %s was not refused:\n%.300s", path, host, resp)
			}
		}
	}
}

// TestServeEventsOnlyToItsPages: the stream of events is for GET requests
// of its own pages, which send no Origin or their own.
func TestServeEventsOnlyToItsPages(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":        library,
		"content/stories/first.md": storyText("First", "2024-01-01", "Body."),
	})
	host := strings.TrimSuffix(strings.TrimPrefix(r.url, "http://"), "/")
	for _, c := range []struct{ head, want string }{
		{"GET /_oops/events HTTP/1.1\r\nOrigin: http://" + host + "\r\n", "200"},
		{"GET /_oops/events HTTP/1.1\r\nOrigin: http://evil.example\r\n", "403"},
		{"GET /_oops/events HTTP/1.1\r\nOrigin: https://" + host + "\r\n", "403"},
		{"GET /_oops/events HTTP/1.1\r\nOrigin: null\r\n", "403"},
		{"POST /_oops/events HTTP/1.1\r\nContent-Length: 0\r\n", "405"},
		{"HEAD /_oops/events HTTP/1.1\r\n", "405"},
		{"PUT / HTTP/1.1\r\nContent-Length: 0\r\n", "405"},
	} {
		head := strings.Replace(c.head, "\r\n", "\r\nHost: "+host+"\r\n", 1)
		resp, err := rawRequest(r.url, head)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(resp, "HTTP/1.1 "+c.want+" ") {
			t.Errorf("%q: want %s, got\n%.300s", c.head, c.want, resp)
		}
	}
}

// TestServeRedirectsStayOnTheSite: the slash added to a folder's address
// gives a path of this site, never an address that a browser reads as
// another host (//host/ or /\host/).
func TestServeRedirectsStayOnTheSite(t *testing.T) {
	r := serveLibrary(t, map[string]string{
		"content/_index.md":        library,
		"content/stories/first.md": storyText("First", "2024-01-01", "Body."),
	})
	for path, want := range map[string]string{
		"/stories":                           "/stories/",
		"/stories?page=2":                    "/stories/?page=2",
		"//evil.example/../stories":          "/stories/",
		"///evil.example/../stories":         "/stories/",
		"//evil.example/%2e%2e/stories":      "/stories/",
		"/%2Fevil.example/../stories":        "/stories/",
		"//evil.example/../tags/alpha":       "/tags/alpha/",
		"/stories/first/..//evil.example/..": "/stories/",
	} {
		resp, err := rawGet(r.url, path)
		if err != nil {
			t.Fatal(err)
		}
		loc := ""
		for _, line := range strings.Split(resp, "\r\n") {
			if v, ok := strings.CutPrefix(line, "Location: "); ok {
				loc = v
			}
		}
		if loc != want || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
			t.Errorf("GET %s: Location %q, want %q\n%.200s", path, loc, want, resp)
		}
	}
}
