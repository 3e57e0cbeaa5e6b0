package search_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"oops/cmd/internal/browsertest"
)

// TestRoundTrips counts the times a query waits on the network, served
// over HTTP/2 as a host such as Netlify serves a site, by a server that
// answers each index file late, as a far one does: once the page has the
// index's root, the first page of a one-word query's results takes two
// round trips, one for the forward shard of its word and one for every
// card file at once.
func TestRoundTrips(t *testing.T) {
	// Twelve stories hold the word, more than a page, so that their
	// cards are in several card files.
	more := map[string][]byte{}
	for i := range 12 {
		more[fmt.Sprintf("content/stories/zebra-%d.md", i)] = fmt.Appendf(nil,
			"---\ntitle: Zebra crossing %d\ndate: 2021-%02d-01\nsummary: A zebra crossing was repainted.\ntags: [roads]\n---\nThe zebra crossing.\n", i, i+1)
	}
	const delay = 300 * time.Millisecond
	var (
		mu     sync.Mutex
		starts []time.Time // of the requests for index files
	)
	files := libraryHandler(policy, buildLibrary(t, more))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/assets/search/") {
			mu.Lock()
			starts = append(starts, time.Now())
			mu.Unlock()
			time.Sleep(delay)
		}
		files.ServeHTTP(w, r)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	t.Cleanup(srv.Close)

	b := newTab(t, browsertest.Start(t, chromedp.Flag("ignore-certificate-errors", true)), srv.URL)
	b.do(chromedp.Navigate(srv.URL + "/search/"))
	b.wait(`document.getElementById("search-status").textContent !== ""`)
	mu.Lock()
	starts = nil // the root's
	mu.Unlock()
	b.eval(`var q = document.getElementById("q"); q.value = "zebra"; q.dispatchEvent(new Event("input")); ""`)
	_, slugs := b.results("zebra", "", "")
	if len(slugs) != 10 {
		t.Fatalf("zebra: %d results shown (%q), want a page of 10", len(slugs), slugs)
	}
	mu.Lock()
	defer mu.Unlock()
	if n := trips(starts, delay/2); n != 2 {
		t.Errorf("a one-word query took %d round trips for %d index files, want 2", n, len(starts))
	}
}

// trips counts the round trips in which requests that started at the
// given times were made: a request that starts more than gap after the
// first of the current round trip starts the next.
func trips(starts []time.Time, gap time.Duration) int {
	starts = slices.Clone(starts)
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	n := 0
	var first time.Time
	for _, s := range starts {
		if n == 0 || s.Sub(first) > gap {
			n, first = n+1, s
		}
	}
	return n
}
