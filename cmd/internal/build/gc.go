package build

import (
	"os"
	"runtime/debug"
)

// TuneGC lets the heap grow further between collections than the default:
// a build allocates far more than it keeps (its live heap is the library's
// metadata), so collections are mostly wasted work. A soft memory limit,
// scaled with the library of stories, keeps the peak in bounds. It returns
// a function that restores the previous settings. A GOGC set in the
// environment wins.
func TuneGC(stories int) func() {
	if os.Getenv("GOGC") != "" {
		return func() {}
	}
	oldLimit := debug.SetMemoryLimit(memoryLimit(stories))
	oldPercent := debug.SetGCPercent(300)
	return func() {
		debug.SetGCPercent(oldPercent)
		debug.SetMemoryLimit(oldLimit)
	}
}

// limitMemory scales the soft memory limit that TuneGC set to a library
// of stories, once their number is known.
func limitMemory(stories int) {
	if os.Getenv("GOGC") == "" {
		debug.SetMemoryLimit(memoryLimit(stories))
	}
}

// memoryLimit is the soft memory limit of a build of a library of stories.
func memoryLimit(stories int) int64 {
	return int64(160<<20) + int64(stories)*(4<<10)
}
