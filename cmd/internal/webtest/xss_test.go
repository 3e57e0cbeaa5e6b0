package webtest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// injected finds, in the page shown, whatever a payload of xss.txtar would
// have added had it been taken for markup: its elements, any event
// handler, any script URL, any inline script, and window.pwned.
const injected = `(() => {
	const found = [];
	if (window.pwned) found.push("window.pwned is set");
	for (const el of document.querySelectorAll(".pwned, iframe, object, embed, frame, base, math, svg, meta[http-equiv], form[action^='javascript' i]")) {
		found.push("element " + el.outerHTML.slice(0, 100));
	}
	for (const s of document.scripts) {
		if (!s.src) found.push("inline script " + s.textContent.slice(0, 60));
	}
	for (const el of document.querySelectorAll("*")) {
		for (const a of el.attributes) {
			if (/^on/i.test(a.name)) found.push(el.tagName + " has " + a.name);
			if (/^(href|src|action|formaction|data|xlink:href)$/i.test(a.name) &&
				/^(javascript|vbscript|data:text\/html)/i.test(a.value.replace(/[\x00-\x20]/g, ""))) {
				found.push(el.tagName + " " + a.name + "=" + a.value.slice(0, 60));
			}
			if (a.name === "autofocus") found.push(el.tagName + " has autofocus");
		}
	}
	return found;
})()`

// TestPayloadsStayText builds xss.txtar, a library whose every shown field
// carries a script payload, serves it without any Content-Security-Policy
// (so that a payload let through would run) and opens every page in
// Chromium: no dialog opens, no injected element or attribute exists, and
// the payloads read as the text they are.
func TestPayloadsStayText(t *testing.T) {
	dest := buildSite(t, libraryFrom(t, "xss.txtar"))
	site := serveSite(t, dest, nil)
	tab, log := openTab(t)
	paths := append(pagePaths(t, dest), "/no-such-page/", "/search/?q=alert", `/search/?q=%3Cscript%3Ealert(%22q%22)%3C%2Fscript%3E&tag=%22%3E%3Cb%20class%3Dpwned%3E`)
	for _, p := range paths {
		if err := visit(tab, site+p); err != nil {
			t.Fatal(err)
		}
		time.Sleep(50 * time.Millisecond) // let a failed image fire its onerror, were there one
		found, err := chromedp.Run(tab, chromedp.Evaluate[[]string](injected))
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		for _, f := range found {
			t.Errorf("%s: %s", p, f)
		}
	}
	if d := log.Dialogs(); len(d) > 0 {
		t.Errorf("payloads opened dialogs: %q", d)
	}

	// The payloads show as text, where they belong.
	const title = `</title><script>alert("title")</script><img src=x onerror=alert("title-img") class=pwned>`
	const site_ = `Lib</title><script>alert("site-title")</script><b class=pwned>`
	if err := visit(tab, site+"/stories/payloads/"); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ expr, want string }{
		{`document.title`, title + " · " + site_},
		{`document.querySelector("h1").textContent`, title},
		{`document.querySelector(".lead").textContent`, `"><svg onload=alert("summary") class=pwned></svg>' onmouseover='alert("summary-attr")`},
		{`document.querySelector("#lesson-1").firstChild.textContent.trim()`, `<img src=x onerror=alert("lesson") class=pwned>`},
		{`document.querySelector("#lesson-3").firstChild.textContent.trim()`, "{{.}} ${alert(\"template\")} `alert(\"backtick\")`"},
		{`document.querySelector(".brand").lastChild.textContent`, site_},
		{`document.querySelector(".facts .wide dd").textContent`, `<img src=x onerror=alert("impact") class=pwned>`},
		{`document.querySelector('meta[name="description"]').content`, `"><svg onload=alert("summary") class=pwned></svg>' onmouseover='alert("summary-attr")`},
		{`decodeURIComponent(document.querySelector(".change-list a").getAttribute("href"))`, `https://example.com/"><script>alert("change-link")</script>`},
	} {
		got, err := chromedp.Run(tab, chromedp.Evaluate[string](c.expr))
		if err != nil || got != c.want {
			t.Errorf("%s = %q, %v\nwant %q", c.expr, got, err, c.want)
		}
	}
	body, err := chromedp.Run(tab, chromedp.Text(".prose"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`<img src=x onerror=alert("heading") class=pwned>`, `</script><script>alert("code")</script>`, `</pre><script>alert("fence")</script>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the story's body does not show %q as text:\n%s", want, body)
		}
	}
}
