package serve

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestSweep: the folder of a server that no longer runs is removed; those
// of running servers, this one included, are kept.
func TestSweep(t *testing.T) {
	base := t.TempDir()
	dead := filepath.Join(base, "oops-serve-99999999-1")
	alive := filepath.Join(base, "oops-serve-1-2")
	own := filepath.Join(base, folderPrefix()+"3")
	other := filepath.Join(base, "unrelated-"+strconv.Itoa(99999999))
	for _, d := range []string{dead, alive, own, other} {
		if err := os.MkdirAll(filepath.Join(d, "stories"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	sweep(base)
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the folder of a server that is gone is still there: %v", err)
	}
	for _, d := range []string{alive, own, other} {
		if _, err := os.Stat(d); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(d), err)
		}
	}
}
