//go:build !linux

package serve

// workDir returns where the served site is written: the default
// temporary folder.
func workDir() string { return "" }
