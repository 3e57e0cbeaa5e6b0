package build

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the finished build at tmp in the place of dest and returns
// where the old folder is. On Linux the two folders trade places in one
// step, so that a reader of dest sees the old site or the new one, never
// neither.
func swap(tmp, dest string) (string, error) {
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return tmp, os.Rename(tmp, dest)
	}
	if err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE); err != nil {
		return swapByRename(tmp, dest)
	}
	return tmp, nil
}
