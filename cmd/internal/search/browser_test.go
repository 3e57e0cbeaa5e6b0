package search_test

import (
	"context"
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"oops/cmd/internal/browsertest"
	"oops/cmd/internal/build"
	"oops/cmd/internal/fold"
)

// policy is the Content Security Policy the test server sends: scripts
// only from the site's own files, nothing inline.
const policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'"

// serveLibrary builds library.txtar and serves it under policy.
func serveLibrary(t *testing.T) string {
	t.Helper()
	return serveLibraryUnder(t, policy)
}

// serveLibraryUnder builds library.txtar and serves it under the Content
// Security Policy csp.
func serveLibraryUnder(t *testing.T, csp string) string {
	t.Helper()
	srv := httptest.NewServer(libraryHandler(csp, buildLibrary(t, nil)))
	t.Cleanup(srv.Close)
	return srv.URL
}

// buildLibrary builds library.txtar, with the files of more added, and
// returns the folder it was built into.
func buildLibrary(t *testing.T, more map[string][]byte) string {
	t.Helper()
	src := t.TempDir()
	files := readTxtar(t, "testdata/library.txtar")
	maps.Copy(files, more)
	for name, data := range files {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build.Build(build.Options{Source: src, Dest: out}); err != nil {
		t.Fatal(err)
	}
	return out
}

// libraryHandler serves the site in dir under the Content Security Policy csp.
func libraryHandler(csp, dir string) http.Handler {
	files := http.FileServer(http.Dir(dir))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Security-Policy", csp)
		if strings.HasPrefix(r.URL.Path, "/assets/") {
			// As netlify.toml has them served.
			w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
		}
		files.ServeHTTP(w, r)
	})
}

// A tab is a browser tab on the test site.
type tab struct {
	t    *testing.T
	ctx  context.Context
	log  *browsertest.Log
	site string
}

// recorder keeps the details of the page's oops:results events in
// window.searches, from before the page's own scripts run.
const recorder = `document.addEventListener("oops:results", function (e) { (window.searches = window.searches || []).push(e.detail); }, true);`

func newTab(t *testing.T, browser context.Context, site string) *tab {
	ctx := browsertest.NewTab(t, browser)
	l, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recorder}); err != nil {
		t.Fatal(err)
	}
	return &tab{t: t, ctx: ctx, log: l, site: site}
}

// in runs a subtest in the tab, which must report no errors or dialogs.
func (b *tab) in(t *testing.T, name string, f func(b *tab)) {
	t.Run(name, func(t *testing.T) {
		sub := *b
		sub.t = t
		b.log.Reset()
		f(&sub)
		if errs := b.log.Errors(); len(errs) > 0 {
			t.Errorf("the page reported errors:\n%s", strings.Join(errs, "\n"))
		}
		if d := b.log.Dialogs(); len(d) > 0 {
			t.Errorf("the page opened dialogs: %q", d)
		}
	})
}

func (b *tab) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	if err := chromedp.Do(b.ctx, actions...); err != nil {
		b.t.Fatal(err)
	}
}

func (b *tab) eval(js string) string {
	b.t.Helper()
	s, err := chromedp.Run(b.ctx, chromedp.Evaluate[string](js))
	if err != nil {
		b.t.Fatalf("%s: %v", js, err)
	}
	return s
}

func (b *tab) wait(js string) {
	b.t.Helper()
	if err := browsertest.Wait(b.ctx, js, 5*time.Second); err != nil {
		b.t.Fatalf("%v\n(at %s, status %q, searches %s)", err, b.eval(`location.href`),
			b.eval(`(document.getElementById("search-status") || {}).textContent || ""`), b.eval(`JSON.stringify(window.searches || [])`))
	}
}

// press presses a printable key the way a keyboard does: one keyDown
// that carries the text, which the page may cancel, and a keyUp.
func (b *tab) press(key string) {
	b.t.Helper()
	down := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyDown, Key: key, Text: key, UnmodifiedText: key}
	up := input.DispatchKeyEventParams{Type: input.DispatchKeyEventTypeKeyUp, Key: key}
	for _, ev := range []input.DispatchKeyEventParams{down, up} {
		if _, err := chromedp.Call(b.ctx, input.DispatchKeyEvent, ev); err != nil {
			b.t.Fatal(err)
		}
	}
}

// typeQuery empties the search box and types s into it.
func (b *tab) typeQuery(s string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](`var q = document.getElementById("q"); q.value = ""; q.focus()`), chromedp.KeyEvent(s))
}

// results waits until the page has shown the results of a query and
// returns its status line and the slugs of the stories it lists.
func (b *tab) results(q, tag, severity string) (string, []string) {
	b.t.Helper()
	b.wait(`(window.searches || []).some(function (d) { return d.q === ` + strconv.Quote(q) +
		` && d.tag === ` + strconv.Quote(tag) + ` && d.severity === ` + strconv.Quote(severity) + ` })`)
	b.eval(`window.searches = []; ""`)
	status := b.eval(`document.getElementById("search-status").textContent`)
	links := b.eval(`Array.from(document.querySelectorAll("#results .card-title a")).map(function (a) { return a.pathname; }).join(" ")`)
	var slugs []string
	for _, p := range strings.Fields(links) {
		slugs = append(slugs, slug(p))
	}
	return status, slugs
}

func TestSearchPage(t *testing.T) {
	site := serveLibrary(t)
	tb := newTab(t, browsertest.Start(t), site)

	tb.in(t, "queries", func(b *tab) {
		t := b.t
		// A query in the URL runs on load.
		b.do(chromedp.Navigate(site + "/search/?q=failover&tag=dns"))
		if _, slugs := b.results("failover", "dns", ""); !slices.Equal(slugs, []string{"dns-failover-test"}) {
			t.Errorf("?q=failover&tag=dns: %q", slugs)
		}
		if tag := b.eval(`document.getElementById("tag").value`); tag != "dns" {
			t.Errorf("the tag filter shows %q, want dns", tag)
		}
		for _, c := range readQueries(t) {
			b.do(chromedp.Evaluate[chromedp.Void](`(function () {
				var q = document.getElementById("q"), tag = document.getElementById("tag"), sev = document.getElementById("severity");
				q.value = ` + strconv.Quote(c.Text) + `; tag.value = ` + strconv.Quote(c.Tag) + `; sev.value = ` + strconv.Quote(c.Severity) + `;
				q.dispatchEvent(new Event("input"));
			})()`))
			status, slugs := b.results(c.Text, c.Tag, c.Severity)
			if len(slugs) < len(c.first) || !slices.Equal(slugs[:len(c.first)], c.first) {
				t.Errorf("%v: results %q, want first %q", c, slugs, c.first)
			}
			if c.count == 0 && !strings.HasPrefix(status, "No stories match") ||
				c.count > 0 && !strings.HasPrefix(status, strconv.Itoa(c.count)+" stor") {
				t.Errorf("%v: status %q, want %d stories", c, status, c.count)
			}
			if c.partial > 0 && !strings.Contains(status, "; "+strconv.Itoa(c.partial)+" partial match") ||
				c.partial == 0 && strings.Contains(status, "partial") {
				t.Errorf("%v: status %q, want %d partial matches", c, status, c.partial)
			}
		}
	})

	tb.in(t, "typing", func(b *tab) {
		t := b.t
		b.do(chromedp.Navigate(site + "/search/"))
		status, _ := b.results("", "", "")
		if !strings.HasPrefix(status, "Type to search 30 stories") {
			t.Errorf("empty status %q", status)
		}
		if href := b.eval(`document.querySelector("#search-status a").pathname`); href != "/tags/" {
			t.Errorf("the empty state links %q, want /tags/", href)
		}
		tests := []struct{ typed, want string }{
			{"kube", "kubernetes-memory-limits"},      // prefix
			{"kuberntes", "kubernetes-memory-limits"}, // typo
			{"dns fail", "dns-failover-test"},         // two words
			{"Müller", "accented-names-export"},
		}
		for _, tt := range tests {
			b.typeQuery(tt.typed)
			_, slugs := b.results(tt.typed, "", "")
			if len(slugs) == 0 || slugs[0] != tt.want {
				t.Errorf("typed %q: results %q, want %s first", tt.typed, slugs, tt.want)
			}
			// The address follows once typing pauses.
			b.wait(`location.search === ` + strconv.Quote("?"+url.Values{"q": {tt.typed}}.Encode()))
		}
		// A tag narrows the results and joins the URL.
		b.typeQuery("deploy")
		b.results("deploy", "", "")
		b.do(chromedp.Evaluate[chromedp.Void](`var s = document.getElementById("tag"); s.value = "caching"; s.dispatchEvent(new Event("change"))`))
		_, slugs := b.results("deploy", "caching", "")
		if !slices.Equal(slugs, []string{"cache-stampede", "stale-search-results"}) {
			t.Errorf("deploy tagged caching: %q", slugs)
		}
		b.wait(`location.search === "?q=deploy&tag=caching"`)
	})

	tb.in(t, "partial", func(b *tab) {
		t := b.t
		b.do(chromedp.Navigate(site + "/search/?q=dns+failover"))
		b.results("dns failover", "", "")
		// The partial matches and their count carry the classes the
		// stylesheet shows them by.
		got := b.eval(`[document.querySelectorAll("#results .card.partial-card .meta .partial").length,
			document.querySelectorAll("#results .card:not(.partial-card) .partial").length,
			document.querySelector("#search-status .partial-note").textContent].join("|")`)
		if want := "2|0|2 partial matches hold some of its words"; got != want {
			t.Errorf("dns failover: partial labels, full ones labelled, count line %q, want %q", got, want)
		}
	})

	tb.in(t, "lessons", func(b *tab) {
		t := b.t
		b.do(chromedp.Navigate(site + "/search/"))
		// A result shows its first lesson that holds a query word, its
		// words marked, linked to the lesson's anchor: pinned, or by place.
		tests := []struct{ typed, lesson string }{
			{"robot", "/stories/certificate-expiry-api/#lesson-robot <mark>robot</mark>"},
			{"certif", "/stories/certificate-expiry-api/#lesson-1 <mark>Certificate</mark>"},
			{"renews weeks", "/stories/certificate-expiry-api/#lesson-1 <mark>weeks</mark>"},
			{"kubernetes", ""},
		}
		for _, tt := range tests {
			b.typeQuery(tt.typed)
			b.results(tt.typed, "", "")
			got := b.eval(`(function () {
				var a = document.querySelector("#results .card .lesson a");
				if (!a) return "";
				var m = a.querySelector("mark");
				return a.pathname + a.hash + " " + (m ? m.outerHTML : "");
			})()`)
			if got != tt.lesson {
				t.Errorf("typed %q: the first result's lesson links %q, want %q", tt.typed, got, tt.lesson)
			}
		}
	})

	tb.in(t, "more results", func(b *tab) {
		t := b.t
		b.do(chromedp.Navigate(site + "/search/"))
		b.typeQuery("the")
		status, slugs := b.results("the", "", "")
		if len(slugs) != 10 || status != "30 stories match “the”; showing the first 10." {
			t.Errorf("the: %d results, status %q", len(slugs), status)
		}
		b.do(chromedp.Evaluate[chromedp.Void](`document.querySelector("button.more").click()`))
		status, more := b.results("the", "", "")
		if len(more) != 20 || !slices.Equal(more[:10], slugs) || status != "30 stories match “the”; showing the first 20." {
			t.Errorf("after Show more: %d results, status %q", len(more), status)
		}
		if got := b.eval(`document.activeElement.pathname || ""`); got != "/stories/"+more[10]+"/" {
			t.Errorf("after Show more the focus is on %q, want the 11th result", got)
		}
	})

	tb.in(t, "no results", func(b *tab) {
		t := b.t
		b.do(chromedp.Navigate(site + "/search/"))
		b.typeQuery("zzzzzz")
		status, slugs := b.results("zzzzzz", "", "")
		if len(slugs) != 0 || !strings.Contains(status, "No stories match “zzzzzz”") || !strings.Contains(status, "browse the tags") {
			t.Errorf("status %q, results %q", status, slugs)
		}
	})

	tb.in(t, "keyboard", func(b *tab) {
		t := b.t
		b.do(chromedp.Navigate(site + "/stories/"))
		// "/" from any page puts the cursor in the header's box, which
		// leads to the search page.
		b.press("/")
		if id := b.eval(`document.activeElement.id`); id != "site-q" {
			t.Fatalf(`after "/", the focus is on %q, want site-q`, id)
		}
		b.do(chromedp.KeyEvent("deploy"), chromedp.KeyEvent(kb.Enter))
		_, slugs := b.results("deploy", "", "")
		if len(slugs) != 5 {
			t.Fatalf("deploy from the header box: %q", slugs)
		}
		active := `(function () { var a = document.activeElement; return a.id || a.pathname || a.tagName; })()`
		b.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("q").focus()`), chromedp.KeyEvent(kb.ArrowDown))
		if got := b.eval(active); got != "/stories/"+slugs[0]+"/" {
			t.Errorf("ArrowDown from the box focuses %q, want the first result", got)
		}
		b.do(chromedp.KeyEvent(kb.ArrowDown))
		if got := b.eval(active); got != "/stories/"+slugs[1]+"/" {
			t.Errorf("a second ArrowDown focuses %q, want the second result", got)
		}
		if n := b.eval(`String(document.querySelectorAll("#results .card.active").length)`); n != "1" {
			t.Errorf("%s results marked active, want 1", n)
		}
		b.do(chromedp.KeyEvent(kb.ArrowUp), chromedp.KeyEvent(kb.ArrowUp))
		if got := b.eval(active); got != "q" {
			t.Errorf("ArrowUp from the first result focuses %q, want the box", got)
		}
		b.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.Enter))
		b.wait(`location.pathname === "/stories/` + slugs[0] + `/"`)
		b.do(chromedp.Evaluate[chromedp.Void](`history.back()`))
		b.wait(`location.pathname === "/search/" && document.querySelectorAll("#results .card").length > 0`)
		b.do(chromedp.Evaluate[chromedp.Void](`document.getElementById("q").focus()`), chromedp.KeyEvent(kb.Escape))
		b.wait(`document.getElementById("q").value === "" && document.querySelectorAll("#results .card").length === 0`)
		b.wait(`location.search === ""`)
	})

	tb.in(t, "fold", scriptFold)
	tb.in(t, "ties", scriptTies)

	tb.in(t, "modules", func(b *tab) {
		// The page's script and every module it and its worker import
		// come at once, from the links that preload them, or else from
		// the browser's cache: the split into modules costs no round trip.
		b.do(chromedp.Navigate(site + "/search/?q=dns"))
		b.results("dns", "", "")
		got := b.eval(`(function () {
			var preload = Array.from(document.querySelectorAll("link[rel=modulepreload]")).map(function (l) { return l.href; });
			var first = {}, out = [];
			performance.getEntriesByType("resource").forEach(function (e) {
				if (e.name.indexOf("/js/search") < 0) return;
				if (!first[e.name] && (preload.indexOf(e.name) >= 0 || /\/search\.[0-9a-f]+\.js$/.test(e.name))) first[e.name] = true;
				else if (e.transferSize > 0) out.push("fetched, not preloaded or again: " + e.name);
			});
			preload.forEach(function (u) { if (!first[u]) out.push("not preloaded: " + u); });
			return preload.length ? out.join("\n") : "no module preloaded";
		})()`)
		if got != "" {
			b.t.Errorf("the page's modules:\n%s", got)
		}
	})

	tb.in(t, "markup is text", func(b *tab) {
		t := b.t
		q := `<img src=x onerror=alert(1)><script>alert(2)</script>"'`
		b.do(chromedp.Navigate(site+"/search/"), chromedp.Evaluate[chromedp.Void](`(function () {
			var q = document.getElementById("q");
			q.value = `+strconv.Quote(q)+`;
			q.dispatchEvent(new Event("input"));
		})()`))
		status, _ := b.results(q, "", "")
		if !strings.Contains(status, q) {
			t.Errorf("status %q does not show the query as typed", status)
		}
		if n := b.eval(`String(document.querySelectorAll("#results img, #results script, #search-status img, #search-status script").length)`); n != "0" {
			t.Errorf("%s elements made from the query", n)
		}
		b.typeQuery("newsletter")
		_, slugs := b.results("newsletter", "", "")
		if len(slugs) != 1 {
			t.Fatalf("newsletter: %q", slugs)
		}
		title := b.eval(`document.querySelector("#results .card-title a").textContent`)
		if title != "Why <b>bold</b> tags showed in the newsletter" {
			t.Errorf("title shown as %q", title)
		}
		if n := b.eval(`String(document.querySelectorAll("#results b, #results script").length)`); n != "0" {
			t.Errorf("%s elements made from a story's text", n)
		}
		if marks := b.eval(`Array.from(document.querySelectorAll("#results mark")).map(function (m) { return m.textContent; }).join(" ")`); marks != "newsletter newsletter" {
			t.Errorf("marked %q, want the query word in the title and the summary", marks)
		}
	})
}

// TestSearchWorker checks that the engine reads the index in a worker, off
// the page's thread, and that search still works where no worker may start.
func TestSearchWorker(t *testing.T) {
	// indexFiles counts the index files the page itself fetched.
	const indexFiles = `String(performance.getEntriesByType("resource").filter(function (e) { return e.name.indexOf("/assets/search/") >= 0; }).length)`
	for _, c := range []struct {
		name, csp   string
		pageFetches string // index files the page fetches for a query: the root, or every file
	}{
		{"worker", policy, "1"},
		{"no worker", policy + "; worker-src 'none'", "many"},
	} {
		t.Run(c.name, func(t *testing.T) {
			site := serveLibraryUnder(t, c.csp)
			b := newTab(t, browsertest.Start(t), site)
			b.do(chromedp.Navigate(site + "/search/?q=kuberntes"))
			if _, slugs := b.results("kuberntes", "", ""); len(slugs) == 0 || slugs[0] != "kubernetes-memory-limits" {
				t.Errorf("kuberntes: %q", slugs)
			}
			b.typeQuery("dns fail")
			if _, slugs := b.results("dns fail", "", ""); len(slugs) == 0 || slugs[0] != "dns-failover-test" {
				t.Errorf("dns fail: %q", slugs)
			}
			// The browser itself reports the worker the policy blocked.
			errs := slices.DeleteFunc(b.log.Errors(), func(e string) bool {
				return c.pageFetches == "many" && strings.Contains(e, `"worker-src 'none'"`)
			})
			if len(errs) > 0 {
				t.Errorf("the page reported errors:\n%s", strings.Join(errs, "\n"))
			}
			n := b.eval(indexFiles)
			if c.pageFetches == "1" && n != "1" || c.pageFetches == "many" && (n == "0" || n == "1") {
				t.Errorf("the page fetched %s index files, want %s", n, c.pageFetches)
			}
		})
	}
}

// scriptFold feeds the strings of cmd/internal/fold's test cases, and
// them in capitals, to the Go fold and to the search page's own module
// (loaded by its fingerprinted name, as the page loads it, with the
// modules it imports) in the browser, and requires the same folds.
func scriptFold(b *tab) {
	t := b.t
	data, err := os.ReadFile("../fold/testdata/folds.txt")
	if err != nil {
		t.Fatal(err)
	}
	var in []string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		if s, _, ok := strings.Cut(line, "\t"); ok && !strings.HasPrefix(line, "#") {
			in = append(in, s, strings.ToUpper(s))
		}
	}
	arg, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate(b.site + "/search/"))
	b.results("", "", "")
	js := `import(document.querySelector('link[rel=modulepreload][href*="/search/words."]').href)
		.then(function (m) { return ` + string(arg) + `.map(function (s) { return m.fold(s); }); })`
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]string](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(in) {
		t.Fatalf("the script folded %d strings, want %d", len(got), len(in))
	}
	for i, s := range in {
		if want := fold.String(s); got[i] != want {
			t.Errorf("the script folds %q to %q, Go to %q", s, got[i], want)
		}
	}
}

// scriptTies ranks rankTies with the search page's own module and
// requires the order of the Go reader.
func scriptTies(b *tab) {
	t := b.t
	type cand struct {
		Doc, TitleAll, Exact, Levels int
		Score                        float64
	}
	var in []cand
	for _, r := range slices.Backward(rankTies) {
		c := cand{Doc: r.Doc, Exact: r.Exact, Levels: r.Levels, Score: r.Score}
		if r.TitleAll {
			c.TitleAll = 1
		}
		in = append(in, c)
	}
	arg, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	b.do(chromedp.Navigate(b.site + "/search/"))
	b.results("", "", "")
	js := `import(document.querySelector('link[rel=modulepreload][href*="/search/score."]').href)
		.then(function (m) {
			return ` + string(arg) + `.map(function (c) { return { doc: c.Doc, score: c.Score, titleAll: c.TitleAll, exact: c.Exact, levels: c.Levels }; })
				.sort(m.byRank).map(function (c) { return c.doc; });
		})`
	got, err := chromedp.Run(b.ctx, chromedp.Evaluate[[]int](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	var want []int
	for _, r := range rankTies {
		want = append(want, r.Doc)
	}
	if !slices.Equal(got, want) {
		t.Errorf("the script ranks ties %v, want %v", got, want)
	}
}
