package serve

import (
	"encoding/json"
	"sync"
)

// A hub tells the open pages about rebuilds: "reload" after a good one,
// "errors" (with the errors) after a broken one. A page that connects
// while the site is broken is told at once.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	broken  *event // the errors event, while the last rebuild failed
}

type event struct {
	name string
	data string
}

func newHub() *hub { return &hub{clients: map[chan event]bool{}} }

// subscribe returns a channel of events and a function that ends it.
func (h *hub) subscribe() (<-chan event, func()) {
	ch := make(chan event, 4)
	h.mu.Lock()
	h.clients[ch] = true
	if h.broken != nil {
		ch <- *h.broken
	}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.clients, ch)
		h.mu.Unlock()
	}
}

func (h *hub) send(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for ch := range h.clients {
		select {
		case ch <- e:
		default: // a page that does not keep up misses an event, not the server
		}
	}
}

// reload tells every page to reload: the rebuild is complete.
func (h *hub) reload() {
	h.mu.Lock()
	h.broken = nil
	h.mu.Unlock()
	h.send(event{name: "reload", data: "{}"})
}

// fail tells every page, now and until the next good rebuild, what broke.
func (h *hub) fail(errs []Problem) {
	data, _ := json.Marshal(errs)
	e := event{name: "errors", data: string(data)}
	h.mu.Lock()
	h.broken = &e
	h.mu.Unlock()
	h.send(e)
}
