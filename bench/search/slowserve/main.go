// Command slowserve serves a folder over HTTP/2, as a host such as
// Netlify serves a site, and answers each request under the given paths
// only after a delay, as a far server would: the round trips a page waits
// on then show in its time and in the log, which has a line for each such
// request, the seconds since 1970 it arrived and its path.
//
// usage: go run ./bench/search/slowserve DIR DELAY LOG PREFIX...
//
// It prints the URL it serves on (https, with a certificate of its own:
// the browser must be told to ignore certificate errors) and runs until
// killed.
package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"sync"
	"time"
)

func main() {
	if len(os.Args) < 5 {
		fmt.Fprintln(os.Stderr, "usage: slowserve DIR DELAY LOG PREFIX...")
		os.Exit(2)
	}
	delay, err := time.ParseDuration(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "slowserve:", err)
		os.Exit(2)
	}
	log, err := os.Create(os.Args[3])
	if err != nil {
		fmt.Fprintln(os.Stderr, "slowserve:", err)
		os.Exit(1)
	}
	prefixes := os.Args[4:]
	var mu sync.Mutex
	files := http.FileServer(http.Dir(os.Args[1]))
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for _, p := range prefixes {
			if strings.HasPrefix(r.URL.Path, p) {
				mu.Lock()
				fmt.Fprintf(log, "%.3f %s\n", float64(time.Now().UnixMicro())/1e6, r.URL.Path)
				mu.Unlock()
				time.Sleep(delay)
				break
			}
		}
		files.ServeHTTP(w, r)
	}))
	srv.EnableHTTP2 = true
	srv.StartTLS()
	fmt.Println(srv.URL)
	select {}
}
