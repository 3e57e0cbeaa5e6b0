package serve

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"oops/cmd/internal/browsertest"
)

// TestBrowserReloadsAndShowsErrors opens a story in headless Chromium, saves
// edits to it, and checks what its reader sees: the page reloads by itself
// after a good save, at the same scroll position, and shows the error
// overlay after a broken one, which the next good save takes away.
func TestBrowserReloadsAndShowsErrors(t *testing.T) {
	ctx := browsertest.Start(t)
	long := strings.Repeat("A paragraph of the story that makes the page long enough to scroll.\n\n", 80)
	r := serveLibrary(t, map[string]string{
		"content/_index.md":        library,
		"content/stories/first.md": storyText("First", "2024-01-01", "Original words.\n\n"+long),
	})
	tab := browsertest.NewTab(t, ctx)
	log, err := browsertest.Watch(tab)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab,
		chromedp.Navigate(r.url+"stories/first/"),
		chromedp.WaitReady("body"),
		chromedp.Evaluate[chromedp.Void](`window.scrollTo(0, 900); window.notReloaded = true`),
	); err != nil {
		t.Fatal(err)
	}
	wait := func(what, expr string) {
		t.Helper()
		if err := browsertest.Wait(tab, expr, 10*time.Second); err != nil {
			t.Fatalf("%s: %v\nserver log:\n%s", what, err, r.log.String())
		}
	}
	wait("the live reload connection", `document.querySelector('script[src="/_oops/livereload.js"]') !== null`)
	time.Sleep(200 * time.Millisecond) // let the event stream connect

	file := filepath.Join(r.dir, "content/stories/first.md")
	write(t, file, storyText("First", "2024-01-01", "Edited words.\n\n"+long))
	wait("the reload after a good save", `!window.notReloaded && document.body.innerText.includes("Edited words.")`)
	wait("the scroll position kept", `Math.abs(window.scrollY - 900) < 5`)

	write(t, file, "---\ntitle: First\ndate: 2024-13-01\nsummary: S.\ntags: [alpha]\n---\nBroken.\n")
	wait("the error overlay", `(document.getElementById("oops-error-overlay") || {}).innerText?.includes("content/stories/first.md:3:7")`)
	overlay, _ := chromedp.Run(tab, chromedp.Text("#oops-error-overlay"))
	for _, want := range []string{"must be a calendar date", "date: 2024-13-01"} {
		if !strings.Contains(overlay, want) {
			t.Errorf("overlay lacks %q:\n%s", want, overlay)
		}
	}
	if !strings.Contains(overlay, "Edited words.") {
		// The page under the overlay is still the last good build.
		body, _ := chromedp.Run(tab, chromedp.Text("main"))
		if !strings.Contains(body, "Edited words.") {
			t.Errorf("the last good page is not shown under the overlay")
		}
	}

	write(t, file, storyText("First", "2024-01-01", "Fixed words.\n\n"+long))
	wait("the overlay gone after the fix", `!document.getElementById("oops-error-overlay") && document.body.innerText.includes("Fixed words.")`)
	if errs := log.Errors(); len(errs) > 0 {
		t.Errorf("the page reported errors: %v", errs)
	}
}
