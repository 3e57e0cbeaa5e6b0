//go:build !linux

package serve

// workDir returns where the served site is written: the default
// temporary folder.
func workDir() string { return "" }

// sweep leaves the folders of earlier servers alone: without /proc it
// cannot tell whether they still run.
func sweep(base string) {}
