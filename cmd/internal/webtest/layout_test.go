package webtest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// overflow lists what sticks out to the right of the window, which would
// make the page scroll sideways.
const overflow = `(() => {
	const w = document.documentElement.clientWidth, out = [];
	if (document.documentElement.scrollWidth > w) out.push("the page is " + document.documentElement.scrollWidth + "px wide in a " + w + "px window");
	for (const el of document.body.querySelectorAll("*")) {
		const r = el.getBoundingClientRect();
		if (r.right > w + 1 && !el.closest("pre, .table-wrap, table") && getComputedStyle(el).position !== "fixed") {
			out.push(el.tagName.toLowerCase() + (el.className ? "." + el.className : "") + " reaches " + Math.round(r.right) + "px");
		}
	}
	return out.slice(0, 5);
})()`

// untidy lists what a reader would frown at: the header's links on more
// than one line, status labels of different widths in one list, list
// bullets beside the check boxes of a task list, text that touches the
// search form above it.
const untidy = `(() => {
	const out = [];
	const tops = new Set([...document.querySelectorAll(".site-nav a")].map(a => Math.round(a.getBoundingClientRect().top)));
	if (tops.size > 1) out.push("the header's links take " + tops.size + " lines");
	const widths = new Set([...document.querySelectorAll(".change-list .status")].map(s => Math.round(s.getBoundingClientRect().width)));
	if (widths.size > 1) out.push("status labels of " + widths.size + " widths: " + [...widths].join(", "));
	for (const form of document.querySelectorAll("main form[role=search]")) {
		const next = form.nextElementSibling;
		if (next && next.textContent.trim() && next.getBoundingClientRect().top - form.getBoundingClientRect().bottom < 8) out.push("the text after a search form touches it");
	}
	for (const box of document.querySelectorAll("li > input[type=checkbox]")) {
		if (getComputedStyle(box.parentElement).listStyleType !== "none") out.push("a task list item has a bullet beside its check box");
	}
	return out;
})()`

// layoutShift sums the layout shifts of the page so far.
const layoutShift = `new Promise(done => {
	let sum = 0;
	new PerformanceObserver(list => { for (const e of list.getEntries()) sum += e.value; }).observe({type: "layout-shift", buffered: true});
	setTimeout(() => done(sum), 100);
})`

// TestLayout opens a page of every kind of library.txtar at a phone's
// width (375 px) and a desktop's (1280 px), in light and dark: nothing
// sticks out sideways (wide code and tables scroll in their own box),
// nothing moves once shown (no layout shift), and nothing looks untidy. With $OOPS_SCREENSHOTS set
// to a folder, it saves a screenshot of each there, and the printed story
// as a PDF.
func TestLayout(t *testing.T) {
	out := os.Getenv("OOPS_SCREENSHOTS")
	dest := buildSite(t, libraryFrom(t, "library.txtar"))
	site := serveSite(t, dest, netlifyHeaders(t))
	tab, log := openTab(t)
	paths := append(onePerKind(pagePaths(t, dest)), searchPaths...)
	for _, view := range []viewport{{"light", 375}, {"dark", 375}, {"light", 1280}, {"dark", 1280}} {
		if out == "" && view.scheme == "dark" {
			continue // the same boxes as in light
		}
		if err := view.apply(tab, 800); err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			if err := visit(tab, site+p); err != nil {
				t.Fatal(err)
			}
			where := fmt.Sprintf("%s (%dpx)", p, view.width)
			found, err := chromedp.Run(tab, chromedp.Evaluate[[]string]("["+overflow+", "+untidy+"].flat()"))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range found {
				t.Errorf("%s: %s", where, f)
			}
			shift, err := measureShift(tab, site+p)
			if err != nil || shift > 0.01 {
				t.Errorf("%s: layout shift %.3f, %v", where, shift, err)
			}
			if out != "" {
				png, err := chromedp.Run(tab, chromedp.FullScreenshot(100))
				if err != nil {
					t.Fatal(err)
				}
				name := fmt.Sprintf("%s-%d-%s.png", shotName(p), view.width, view.scheme)
				if err := os.WriteFile(filepath.Join(out, name), png, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if errs := log.Errors(); len(errs) > 0 {
		t.Errorf("pages reported errors: %q", errs)
	}
	if out == "" {
		return
	}
	if err := visit(tab, site+"/stories/certificate-expired/"); err != nil {
		t.Fatal(err)
	}
	pdf, err := chromedp.Run(tab, chromedp.PrintToPDF(chromedp.PDFPaper(chromedp.PaperA4)))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "story-print.pdf"), pdf, 0o644); err != nil {
		t.Fatal(err)
	}
}

// measureShift returns the layout shift of the page open in tab. A busy
// machine can delay a first paint enough to record a shift once; a shift
// counts only when loading url again shows it too.
func measureShift(tab context.Context, url string) (float64, error) {
	shift, err := chromedp.Run(tab, chromedp.Evaluate[float64](layoutShift, chromedp.EvalAwaitPromise))
	if err != nil || shift <= 0.01 {
		return shift, err
	}
	if err := visit(tab, url); err != nil {
		return 0, err
	}
	return chromedp.Run(tab, chromedp.Evaluate[float64](layoutShift, chromedp.EvalAwaitPromise))
}

// shotName names a page's screenshot after its kind.
func shotName(p string) string {
	if _, q, ok := strings.Cut(p, "?q="); ok {
		return "search-" + strings.ReplaceAll(q, "+", "-")
	}
	return strings.ReplaceAll(kindOf(p), " ", "-")
}
