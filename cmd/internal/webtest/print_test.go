package webtest

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// darkText lists the elements of the printed page whose text is not dark
// enough to read on white paper (a contrast under 4.5:1).
const darkText = `(() => {
	const lum = c => {
		const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(v => {
			v /= 255;
			return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
		});
		return 0.2126 * r + 0.7152 * g + 0.0722 * b;
	};
	const out = [];
	for (const el of document.querySelectorAll("main *")) {
		const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
		const s = getComputedStyle(el);
		if (!own || s.display === "none" || s.visibility === "hidden") continue;
		const contrast = 1.05 / (lum(s.color) + 0.05);
		if (contrast < 4.5) out.push(el.tagName.toLowerCase() + "." + el.className + " " + s.color + " (" + contrast.toFixed(1) + ":1)");
	}
	return out.slice(0, 10);
})()`

// TestPrintedStoryIsReadable prints a story, as a reader whose system
// prefers dark would: every word of it is dark on the white paper, code
// too.
func TestPrintedStoryIsReadable(t *testing.T) {
	dest := buildSite(t, libraryFrom(t, "library.txtar"))
	site := serveSite(t, dest, netlifyHeaders(t))
	tab, _ := openTab(t)
	for _, scheme := range []string{"light", "dark"} {
		_, err := chromedp.Call(tab, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Media:    "print",
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := visit(tab, site+"/stories/certificate-expired/"); err != nil {
			t.Fatal(err)
		}
		faint, err := chromedp.Run(tab, chromedp.Evaluate[[]string](darkText))
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range faint {
			t.Errorf("printed with %s preferred: faint text: %s", scheme, f)
		}
	}
}
