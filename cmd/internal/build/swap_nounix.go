//go:build !unix

package build

// running reports that any process may be running: without Unix's
// signals, it cannot tell.
func running(pid int) bool { return true }

// removable leaves it to the removal itself to tell.
func removable(dir string) error { return nil }
