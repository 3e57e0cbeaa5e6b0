package search_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"oops/cmd/internal/browsertest"
	"oops/cmd/internal/search"
)

// TestRoundTrips counts the times a query waits on the network, served
// over HTTP/2 as a host such as Netlify serves a site, by a server that
// answers each index file late, as a far one does. Once the page has the
// index's root, the first page of a one-word query's results takes two
// round trips: the forward shard of its word, then every card file at
// once. So does a query of two common words whose first tiers of
// postings leave its first results uncertain: the second tiers are in
// the shards. A tag adds one: the filters file comes with the shard, and
// the tag's set with the further postings its share of the stories calls
// for.
func TestRoundTrips(t *testing.T) {
	// 300 stories hold each word, more than its first tier of postings
	// holds, and are common enough for dense bits; a few of them have
	// the tag, which then has a set. The stories that say "amber" most
	// often say "lights" least, so neither word's first tier holds a
	// page of the stories that say both most.
	defer search.SetDenseMin(100)()
	more := map[string][]byte{}
	for i := range 300 {
		tags := "[roads]"
		if i%15 == 0 {
			tags = "[roads, crossings]"
		}
		a := 1 + i%5
		more[fmt.Sprintf("content/stories/zebra-%d.md", i)] = fmt.Appendf(nil,
			"---\ntitle: Zebra crossing %d\ndate: 2021-%02d-%02d\nsummary: A zebra crossing was repainted.\ntags: %s\n---\nThe zebra crossing.%s%s\n",
			i, 1+i%12, 1+i%28, tags, strings.Repeat(" Amber.", a), strings.Repeat(" Lights.", 6-a))
	}
	dir := buildLibrary(t, more)
	for _, c := range []struct {
		q, tag string
		trips  int
	}{
		{"zebra", "", 2},
		{"zebra", "crossings", 3},
		{"amber lights", "", 2},
	} {
		t.Run(c.q+" tag="+c.tag, func(t *testing.T) {
			const delay = 300 * time.Millisecond
			var (
				mu     sync.Mutex
				starts []time.Time // of the requests for index files
			)
			files := http.FileServer(http.Dir(dir))
			srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Security-Policy", policy)
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
			b.eval(`document.getElementById("tag").value = ` + strconv.Quote(c.tag) +
				`; var q = document.getElementById("q"); q.value = ` + strconv.Quote(c.q) + `; q.dispatchEvent(new Event("input")); ""`)
			_, slugs := b.results(c.q, c.tag, "")
			if len(slugs) != 10 {
				t.Fatalf("%s: %d results shown (%q), want a page of 10", c.q, len(slugs), slugs)
			}
			mu.Lock()
			defer mu.Unlock()
			if n := trips(starts, delay/2); n != c.trips {
				t.Errorf("the query took %d round trips for %d index files, want %d", n, len(starts), c.trips)
			}
		})
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
