package main

import (
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
)

// A build allocates far more than it keeps: its live heap is the
// library's metadata, while every page it renders is garbage a moment
// later. The collector's default pacing (GOGC=100) collects each time the
// heap doubles, mostly to find that garbage; build and check let it grow
// further, within bounds:
//
//   - to four times what is live (GOGC=300), while that stays under
//     roomHeap;
//   - to twice what is live, the default, beyond it;
//   - never past memoryLimit.
//
// A build of 10,000 stories keeps under 100 MiB live, collects a third as
// often and peaks near 200 MiB; one of 100,000 keeps about 650 MiB, which
// the default pacing would let grow to 1.3 GiB, and stays under 1 GiB for
// about 15% more CPU.
// A library too large to fit under memoryLimit is still built, more
// slowly: the runtime gives the collector at most half of the CPU.
//
// The bound between the first two is a soft memory limit set after every
// collection to twice the live heap found, so it can never drive the
// collector into a spin: whatever an input makes live, the heap has as
// much again to grow before the next collection, as under the default.
//
// Serve is not paced: it keeps a library in memory for as long as it
// runs. GOGC or GOMEMLIMIT in the environment turns the pacing off; with
// GOGC alone, memoryLimit still holds.
const (
	roomHeap    = 192 << 20
	memoryLimit = 900 << 20
)

// paceMemory paces the collector for a build or a check, as above, and
// returns a function that restores the settings it found.
func paceMemory() (restore func()) {
	if os.Getenv("GOMEMLIMIT") != "" {
		return func() {}
	}
	if os.Getenv("GOGC") != "" {
		old := debug.SetMemoryLimit(memoryLimit)
		return func() { debug.SetMemoryLimit(old) }
	}
	p := &pacer{room: roomHeap, limit: memoryLimit}
	return p.start()
}

// A pacer keeps the soft memory limit at twice the live heap, within
// [room, limit], and GOGC at 300.
type pacer struct {
	room, limit int64

	mu  sync.Mutex
	off bool
}

func (p *pacer) start() (restore func()) {
	oldLimit := debug.SetMemoryLimit(p.room)
	oldPercent := debug.SetGCPercent(300)
	p.arm()
	return func() {
		p.mu.Lock()
		p.off = true
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
		p.mu.Unlock()
	}
}

// arm asks to be called back after the next collection.
func (p *pacer) arm() {
	// A tiny allocation may share its block and never be freed alone;
	// a pointer keeps this one out of the tiny allocator.
	type sentinel struct{ _ *byte }
	runtime.AddCleanup(new(sentinel), p.collected, 0)
}

// collected runs after a collection: it sets the limit for the next one.
func (p *pacer) collected(int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.off {
		return
	}
	debug.SetMemoryLimit(p.limitFor(liveHeap()))
	p.arm()
}

// limitFor is the soft memory limit that follows a collection that found
// live bytes in use.
func (p *pacer) limitFor(live int64) int64 {
	return min(max(2*live, p.room), p.limit)
}

// liveHeap is the heap the last collection found live.
func liveHeap() int64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64())
}
