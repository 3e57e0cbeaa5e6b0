//go:build !linux

package build

func swap(tmp, dest string) error { return swapByRename(tmp, dest) }
