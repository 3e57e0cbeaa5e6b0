package main

import (
	"io"
	"testing"
)

// TestLoad is a short run of the load test: 50 clients, 10 rewrites. No
// request fails, no page is torn, and the server's memory stays flat.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("builds oops and serves under load")
	}
	r, err := Run(Config{Clients: 50, Rewrites: 10, Stories: 200, Log: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Log(r)
	if r.Failed > 0 || r.Torn > 0 || r.Rewrites != 10 {
		t.Errorf("%d failed, %d torn, %d rewrites shown:\n%s", r.Failed, r.Torn, r.Rewrites, r)
	}
	if r.Requests < 100 {
		t.Errorf("only %d requests", r.Requests)
	}
	if r.RSSEnd > 2*r.RSSStart+64<<10 {
		t.Errorf("the server grew from %d kB to %d kB", r.RSSStart, r.RSSEnd)
	}
}
