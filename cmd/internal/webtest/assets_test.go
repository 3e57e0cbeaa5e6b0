package webtest

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Budgets of what a page loads.
const (
	maxCSSGzip  = 15 << 10 // all the CSS of one page, gzipped
	maxSiteJS   = 1 << 10  // the script of every page: the "/" shortcut to search
	maxScripts  = 1        // scripts on a page other than the search page
	maxPageGzip = 30 << 10 // one page's HTML, gzipped (the repository's own library)
)

var (
	stylesheet  = regexp.MustCompile(`<link rel="stylesheet" href="([^"]+)">`)
	script      = regexp.MustCompile(`<script[^>]*\ssrc="([^"]+)"`)
	module      = regexp.MustCompile(`<link rel="modulepreload" href="([^"]+)">`)
	fingerprint = regexp.MustCompile(`^/assets/.+\.[0-9a-f]{8,}\.(css|js)$`)
	external    = regexp.MustCompile(`<(?:link rel="(?:stylesheet|icon|preload|modulepreload)"|script|iframe)[^>]*\s(?:src|href)="(?:https?:)?//`)
)

// TestAssetsAreLean checks what every page of the repository's library and
// of library.txtar loads: stylesheets and scripts fingerprinted under
// /assets/ (so they can be cached for good); all the CSS of a page under
// 15 kB gzipped, with system fonts only (no @font-face or @import: nothing
// to wait for, no layout shift when a font arrives); no resource from
// another site; and one script, site.js (under 1 kB: it makes "/" put the
// cursor in the search box), except on the search page, which also loads
// the search (and preloads its modules, fingerprinted too). That is what
// "needs JavaScript" means here: search does; every other page works
// without any, and carries only the shortcut.
func TestAssetsAreLean(t *testing.T) {
	for _, lib := range libraries[:2] {
		t.Run(lib.name, func(t *testing.T) {
			dest := buildSite(t, lib.src(t))
			for _, p := range pagePaths(t, dest) {
				page, err := os.ReadFile(pageFile(dest, p))
				if err != nil {
					t.Fatal(err)
				}
				checkPageAssets(t, dest, p, page)
			}
		})
	}
}

func checkPageAssets(t *testing.T, dest, p string, page []byte) {
	t.Helper()
	var css bytes.Buffer
	for _, m := range stylesheet.FindAllSubmatch(page, -1) {
		data := asset(t, dest, p, string(m[1]))
		for _, banned := range []string{"@font-face", "@import", "url(http", "url(//"} {
			if bytes.Contains(data, []byte(banned)) {
				t.Errorf("%s: %s has %s", p, m[1], banned)
			}
		}
		css.Write(data)
	}
	if n := gzipSize(css.Bytes()); n > maxCSSGzip {
		t.Errorf("%s: its CSS is %d bytes gzipped, over the budget of %d", p, n, maxCSSGzip)
	}
	if css.Len() == 0 {
		t.Errorf("%s: no stylesheet", p)
	}
	scripts := script.FindAllSubmatch(page, -1)
	others := 0
	for _, m := range scripts {
		src := string(m[1])
		data := asset(t, dest, p, src)
		switch {
		case strings.Contains(src, "/site."):
			if len(data) > maxSiteJS {
				t.Errorf("%s: %s is %d bytes, over the budget of %d", p, src, len(data), maxSiteJS)
			}
		case kindOf(p) == "search" && strings.Contains(src, "/search."):
		default:
			others++
			t.Errorf("%s: loads %s, a script it does not need", p, src)
		}
	}
	for _, m := range module.FindAllSubmatch(page, -1) {
		if asset(t, dest, p, string(m[1])); kindOf(p) != "search" {
			t.Errorf("%s: preloads %s, a module it does not need", p, m[1])
		}
	}
	if len(scripts)-others < 1 {
		t.Errorf("%s: no site.js", p)
	}
	if m := external.Find(page); m != nil {
		t.Errorf("%s: loads from another site: %s", p, m)
	}
	if n := gzipSize(page); n > maxPageGzip {
		t.Errorf("%s: %d bytes gzipped, over the budget of %d", p, n, maxPageGzip)
	}
}

// asset reads the file of a stylesheet or script URL, which must be
// fingerprinted.
func asset(t *testing.T, dest, page, url string) []byte {
	t.Helper()
	if !fingerprint.MatchString(url) {
		t.Errorf("%s: %s is not a fingerprinted asset", page, url)
	}
	data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(strings.TrimPrefix(url, "/"))))
	if err != nil {
		t.Errorf("%s: %v", page, err)
	}
	return data
}

func gzipSize(data []byte) int {
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	w.Close()
	return b.Len()
}
