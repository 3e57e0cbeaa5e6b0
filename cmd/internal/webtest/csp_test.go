package webtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"oops/cmd/internal/browsertest"
)

// TestPagesWorkUnderTheCSP serves library.txtar with the headers that
// netlify.toml sends, the Content-Security-Policy among them, and opens
// every page in Chromium: none reports an error (a blocked script, style
// or image is one), and the script every page carries still works: "/"
// puts the cursor in the search box.
func TestPagesWorkUnderTheCSP(t *testing.T) {
	policy := csp(t)
	for _, d := range strings.Split(policy, ";") {
		if f := strings.Fields(d); len(f) > 0 && (f[0] == "script-src" || f[0] == "style-src" || f[0] == "default-src") {
			if strings.Contains(d, "'unsafe-inline'") || strings.Contains(d, "'unsafe-eval'") {
				t.Errorf("netlify.toml's policy allows what pages must not need: %s", d)
			}
		}
	}
	dest := buildSite(t, libraryFrom(t, "library.txtar"))
	site := serveSite(t, dest, netlifyHeaders(t))
	tab, log := openTab(t)
	paths := append(pagePaths(t, dest), "/no-such-page/", "/search/?q=certificate")
	for _, p := range paths {
		if err := visit(tab, site+p); err != nil {
			t.Fatal(err)
		}
		got, err := chromedp.Run(tab, chromedp.Evaluate[string](`document.querySelector('meta[name="color-scheme"]') ? "ok" : ""`))
		if err != nil || got != "ok" {
			t.Errorf("%s: not an oops page (%q, %v)", p, got, err)
		}
		if kindOf(p) == "story" || p == "/" || kindOf(p) == "search" {
			if err := pressSlash(tab); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
		for _, e := range log.Errors() {
			if p == "/no-such-page/" && strings.Contains(e, "status of 404") {
				continue // the page itself, served with its status
			}
			t.Errorf("%s: %s", p, e)
		}
		log.Reset()
	}

	// The test sees a page that breaks the policy.
	src := libraryFrom(t, "library.txtar")
	writeFile(t, src, "layouts/page.html", `{{define "main"}}<h1 style="color: red">{{.Title}}</h1><script>document.title = "ran"</script>{{end}}`)
	site = serveSite(t, buildSite(t, src), netlifyHeaders(t))
	if err := visit(tab, site+"/about/"); err != nil {
		t.Fatal(err)
	}
	if errs := strings.Join(log.Errors(), "\n"); strings.Count(errs, "Content Security Policy") < 2 {
		t.Errorf("a page with an inline script and style reported:\n%s\nwant two violations of the policy", errs)
	}
}

// pressSlash types "/" on the page and checks that the search box gets
// the cursor.
func pressSlash(tab context.Context) error {
	if err := chromedp.Do(tab,
		chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`),
		chromedp.KeyEvent("/"),
	); err != nil {
		return err
	}
	if err := browsertest.Wait(tab, `["q", "site-q"].includes(document.activeElement.id)`, 2*time.Second); err != nil {
		return fmt.Errorf("typing / did not put the cursor in the search box: %w", err)
	}
	return nil
}
