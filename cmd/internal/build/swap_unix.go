//go:build unix

package build

import (
	"errors"
	"fmt"
	"io/fs"
	"path/filepath"
	"syscall"

	"golang.org/x/sys/unix"
)

// running reports whether the process pid is running.
func running(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}

// removable reports why dir, if it exists, could not be removed whole: a
// folder in it, or itself, that this process may not change.
func removable(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		switch {
		case errors.Is(err, fs.ErrNotExist) && path == dir:
			return nil
		case err != nil:
			return err
		case d.IsDir() && unix.Access(path, unix.W_OK|unix.X_OK) != nil:
			return fmt.Errorf("%s is read-only, so the old site could not be removed", path)
		}
		return nil
	})
}
