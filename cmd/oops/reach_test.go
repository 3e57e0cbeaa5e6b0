package main

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestEveryPageReachable builds the repository's own library and follows
// links from the home page, as a reader without JavaScript would: every
// URL in urls.txt (the board and its views, owners, insights, the JSON
// export, every page of every list) must be reached.
func TestEveryPageReachable(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1802217600") // 2027-02-10: some changes overdue, most not
	dest := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := runOops(t, "build", "-source", "../..", "-dest", dest); code != 0 {
		t.Fatalf("build: %s", stderr)
	}
	manifest, err := os.ReadFile(filepath.Join(dest, "urls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	for len(queue) > 0 {
		p := queue[0]
		queue = queue[1:]
		if !strings.HasSuffix(p, "/") && !strings.HasSuffix(p, ".html") {
			continue // a feed or a file: not read for links
		}
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(p, "/")), indexName(p)))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		base := &url.URL{Path: p}
		for _, m := range linkAttr.FindAllSubmatch(data, -1) {
			u, err := base.Parse(strings.ReplaceAll(string(m[1]), "&amp;", "&"))
			if err != nil || u.Scheme != "" || u.Host != "" || seen[u.Path] {
				continue
			}
			seen[u.Path] = true
			queue = append(queue, u.Path)
		}
	}
	n := 0
	for _, u := range strings.Fields(string(manifest)) {
		n++
		if !seen[u] {
			t.Errorf("%s is in urls.txt but no link leads to it from the home page", u)
		}
	}
	for _, want := range []string{"/changes/", "/changes/overdue/", "/changes/open/", "/changes/done/", "/changes/dropped/",
		"/changes/owners/", "/changes/owners/platform-team/", "/insights/", "/api/stories.json"} {
		if !strings.Contains(string(manifest), want+"\n") {
			t.Errorf("urls.txt lacks %s", want)
		}
	}
	if n < 40 {
		t.Errorf("only %d URLs in urls.txt", n)
	}
}

// indexName is the file under a URL path's folder that answers it.
func indexName(p string) string {
	if strings.HasSuffix(p, "/") {
		return "index.html"
	}
	return ""
}
