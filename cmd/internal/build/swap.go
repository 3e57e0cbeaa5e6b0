package build

import (
	"errors"
	"fmt"
	"os"
)

// swapByRename moves dest aside, moves tmp in its place, and removes the
// old folder. If the second rename fails the old folder is put back.
func swapByRename(tmp, dest string) error {
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("replacing %s: %w", dest, err)
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return fmt.Errorf("replacing %s: %w", dest, err)
	}
	return os.RemoveAll(old)
}
