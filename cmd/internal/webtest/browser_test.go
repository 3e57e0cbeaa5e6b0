package webtest

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"oops/cmd/internal/browsertest"
)

// openTab starts a browser and returns a tab of it whose errors and
// dialogs are recorded.
func openTab(t testing.TB) (context.Context, *browsertest.Log) {
	t.Helper()
	ctx := browsertest.Start(t)
	tab := browsertest.NewTab(t, ctx)
	log, err := browsertest.Watch(tab)
	if err != nil {
		t.Fatal(err)
	}
	return tab, log
}

// visit loads url in the tab and waits until the page and its deferred
// scripts have run.
func visit(tab context.Context, url string) error {
	ctx, cancel := context.WithTimeout(tab, 20*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return fmt.Errorf("loading %s: %w", url, err)
	}
	if err := browsertest.Wait(tab, `document.readyState === "complete"`, 10*time.Second); err != nil {
		return err
	}
	if !strings.Contains(url, "/search/?q=") {
		return nil
	}
	return browsertest.Wait(tab, `document.querySelector("#results .card") !== null`, 10*time.Second)
}

// searchPaths are searches of library.txtar that show results: one that
// every result matches, and one followed by a partial match.
var searchPaths = []string{"/search/?q=certificate", "/search/?q=the+certificate"}

// A viewport is how a page is looked at: a colour scheme, "light" or "dark",
// and a window width in CSS pixels.
type viewport struct {
	scheme string
	width  int64
}

// apply makes the tab's pages see prefers-color-scheme as v.scheme, in a
// window v.width wide and height high.
func (v viewport) apply(tab context.Context, height int64) error {
	_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: v.scheme}},
	})
	if err != nil {
		return err
	}
	return chromedp.Do(tab, chromedp.EmulateViewport(v.width, height))
}

// onePerKind returns the first page of each kind among paths, in order.
func onePerKind(paths []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range paths {
		if k := kindOf(p); !seen[k] {
			seen[k] = true
			out = append(out, p)
		}
	}
	return out
}
