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
)

// TestRoundTrips counts the times a query waits on the network, served
// over HTTP/2 as a host such as Netlify serves a site, by a server that
// answers each index file late, as a far one does. Once the page has the
// index's root, the first page of a one-word query's results takes two
// round trips: the forward shard of its word, then every card file at
// once. A tag adds one: the filters file comes with the shard, and the
// tag's set with the further postings its share of the stories calls for.
func TestRoundTrips(t *testing.T) {
	// 300 stories hold the word, more than its first tier of postings
	// holds; a few of them have the tag, which then has a set.
	more := map[string][]byte{}
	for i := range 300 {
		tags := "[roads]"
		if i%15 == 0 {
			tags = "[roads, crossings]"
		}
		more[fmt.Sprintf("content/stories/zebra-%d.md", i)] = fmt.Appendf(nil,
			"---\ntitle: Zebra crossing %d\ndate: 2021-%02d-%02d\nsummary: A zebra crossing was repainted.\ntags: %s\n---\nThe zebra crossing.\n",
			i, 1+i%12, 1+i%28, tags)
	}
	dir := buildLibrary(t, more)
	for _, c := range []struct {
		tag   string
		trips int
	}{
		{"", 2},
		{"crossings", 3},
	} {
		t.Run("tag="+c.tag, func(t *testing.T) {
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
				`; var q = document.getElementById("q"); q.value = "zebra"; q.dispatchEvent(new Event("input")); ""`)
			_, slugs := b.results("zebra", c.tag, "")
			if len(slugs) != 10 {
				t.Fatalf("zebra: %d results shown (%q), want a page of 10", len(slugs), slugs)
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
