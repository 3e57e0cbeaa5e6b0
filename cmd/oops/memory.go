package main

import (
	"os"
	"runtime/debug"
)

// memoryLimit is oops's soft limit on the memory the Go runtime holds,
// unless GOMEMLIMIT sets another. A build of 100,000 stories keeps about
// 650 MiB live at its peak, which the collector's default pacing
// (GOGC=100) lets grow to twice that before it collects; under the limit
// it collects sooner as the heap nears 900 MiB, so such a build stays
// under 1 GiB for about 15% more CPU. A smaller library never comes near
// the limit and pays nothing for it. A library too large to fit under it
// is still built, more slowly: the runtime gives the collector at most
// half of the CPU.
//
// Build and check run under the limit. Serve does not: it keeps a library
// in memory for as long as it runs, and were that above the limit, the
// collector would never rest.
const memoryLimit = 900 << 20

// limitMemory sets the soft memory limit, unless GOMEMLIMIT is set.
func limitMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
}
