package main

import (
	"runtime/debug"
	"testing"
)

// TestMemoryLimit checks that build runs under oops's soft memory limit,
// and under GOMEMLIMIT's instead when it is set.
func TestMemoryLimit(t *testing.T) {
	old := debug.SetMemoryLimit(-1)
	t.Cleanup(func() { debug.SetMemoryLimit(old) })
	for _, env := range []string{"", "300MiB"} {
		debug.SetMemoryLimit(123 << 20)
		t.Setenv("GOMEMLIMIT", env)
		dir := t.TempDir()
		writeFile(t, dir+"/content/stories/a.md", "---\ntitle: A\ndate: 2024-01-02\nsummary: S.\ntags: [dns]\n---\nBody.\n")
		if status, _, stderr := runOops(t, "build", "-source", dir); status != 0 {
			t.Fatalf("build: status %d: %s", status, stderr)
		}
		want := int64(memoryLimit)
		if env != "" {
			want = 123 << 20 // the runtime read GOMEMLIMIT at start; oops leaves it be
		}
		if got := debug.SetMemoryLimit(-1); got != want {
			t.Errorf("GOMEMLIMIT=%q: limit %d MiB, want %d MiB", env, got>>20, want>>20)
		}
	}
}
