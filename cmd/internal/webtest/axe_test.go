package webtest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// axeSource returns the source of axe-core: $AXE_CORE, else the copy
// .ci/run installs under testdata/node_modules. Without either, the test
// is skipped, except under CI=true.
func axeSource(t testing.TB) string {
	t.Helper()
	name := os.Getenv("AXE_CORE")
	if name == "" {
		name = filepath.Join("testdata", "node_modules", "axe-core", "axe.min.js")
	}
	data, err := os.ReadFile(name)
	if err != nil {
		msg := "no axe-core at " + name + ": install it with `npm install --no-save --no-package-lock --prefix cmd/internal/webtest/testdata axe-core@4`, or set $AXE_CORE to its axe.min.js"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	return string(data)
}

// runAxe runs axe-core on the page shown and returns its violations of
// serious or critical impact, and those of lesser impact apart.
const runAxe = `axe.run(document, {resultTypes: ["violations"]}).then(r => r.violations.map(v =>
	(v.impact === "serious" || v.impact === "critical" ? "!" : "") +
	v.id + " (" + v.impact + "): " + v.help + ": " +
	v.nodes.slice(0, 4).map(n => n.target.join(" ") + (n.failureSummary ? " [" + n.failureSummary.replace(/\s+/g, " ") + "]" : "")).join("; ")))`

// TestAccessibility runs axe-core on a page of every kind of library.txtar
// (with search results shown, and the 404 page), in light and dark colour
// schemes at a desktop's width and in light at a phone's: no violation is
// of serious or critical impact. Lesser ones are logged.
func TestAccessibility(t *testing.T) {
	axe := axeSource(t)
	dest := buildSite(t, libraryFrom(t, "library.txtar"))
	site := serveSite(t, dest, netlifyHeaders(t))
	tab, _ := openTab(t)
	paths := append(onePerKind(pagePaths(t, dest)), searchPaths...)
	for _, view := range []viewport{{"light", 1280}, {"dark", 1280}, {"light", 375}} {
		if err := view.apply(tab, 900); err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if err := visit(tab, site+p); err != nil {
				t.Fatal(err)
			}
			found, err := chromedp.Run(tab, chromedp.Evaluate[[]string](axe+"\n;"+runAxe, chromedp.EvalAwaitPromise))
			if err != nil {
				t.Fatalf("%s: running axe-core: %v", p, err)
			}
			for _, v := range found {
				if v[0] == '!' {
					t.Errorf("%s (%s, %dpx): %s", p, view.scheme, view.width, v[1:])
				} else {
					t.Logf("%s (%s, %dpx): %s", p, view.scheme, view.width, v)
				}
			}
		}
	}
}
