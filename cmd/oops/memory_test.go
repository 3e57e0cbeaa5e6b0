package main

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

// TestPaceMemory checks the settings build and check run under, and that
// they are given back when the command returns.
func TestPaceMemory(t *testing.T) {
	oldLimit := debug.SetMemoryLimit(123 << 20)
	oldPercent := debug.SetGCPercent(100)
	t.Cleanup(func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	})
	for _, c := range []struct {
		gogc, gomemlimit string
		percent          int
		limit            int64
	}{
		{"", "", 300, roomHeap},
		{"50", "", 100, memoryLimit}, // GOGC is the runtime's; oops leaves it be
		{"", "300MiB", 100, 123 << 20},
	} {
		t.Setenv("GOGC", c.gogc)
		t.Setenv("GOMEMLIMIT", c.gomemlimit)
		restore := paceMemory()
		if got := gcPercent(); got != c.percent {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: GOGC %d, want %d", c.gogc, c.gomemlimit, got, c.percent)
		}
		if got := debug.SetMemoryLimit(-1); got != c.limit {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: limit %d MiB, want %d MiB", c.gogc, c.gomemlimit, got>>20, c.limit>>20)
		}
		restore()
		if got := gcPercent(); got != 100 {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: after, GOGC %d, want 100", c.gogc, c.gomemlimit, got)
		}
		if got := debug.SetMemoryLimit(-1); got != 123<<20 {
			t.Errorf("GOGC=%q GOMEMLIMIT=%q: after, limit %d MiB, want 123 MiB", c.gogc, c.gomemlimit, got>>20)
		}
	}
}

// TestPacerFollowsLiveHeap checks that after a collection the limit is
// twice the live heap, so that no input can hold the heap at the limit
// and the collector in a spin.
func TestPacerFollowsLiveHeap(t *testing.T) {
	oldLimit := debug.SetMemoryLimit(-1)
	oldPercent := debug.SetGCPercent(-1)
	t.Cleanup(func() {
		debug.SetMemoryLimit(oldLimit)
		debug.SetGCPercent(oldPercent)
	})
	p := &pacer{room: 4 << 20, limit: 1 << 30}
	restore := p.start()
	defer restore()

	held := make([][]byte, 64) // 64 MiB live
	for i := range held {
		held[i] = make([]byte, 1<<20)
	}
	want := 2 * int64(len(held)) << 20
	var got int64
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); {
		runtime.GC()
		time.Sleep(10 * time.Millisecond) // the callback runs on its own goroutine
		if got = debug.SetMemoryLimit(-1); got >= want {
			break
		}
	}
	if got < want {
		t.Errorf("limit with 64 MiB live: %d MiB, want at least %d MiB", got>>20, want>>20)
	}
	runtime.KeepAlive(held)

	for _, c := range []struct{ live, want int64 }{
		{1 << 20, 4 << 20},     // room to grow 4×
		{100 << 20, 200 << 20}, // twice the live heap
		{800 << 20, 1 << 30},   // never past the limit
	} {
		if got := p.limitFor(c.live); got != c.want {
			t.Errorf("limitFor(%d MiB) = %d MiB, want %d MiB", c.live>>20, got>>20, c.want>>20)
		}
	}
}

// gcPercent is the GOGC the runtime runs under.
func gcPercent() int {
	p := debug.SetGCPercent(-1)
	debug.SetGCPercent(p)
	return p
}
