package build

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the finished build at tmp in the place of dest. On Linux the
// two folders trade places in one step, so that a reader of dest sees the
// old site or the new one, never neither.
func swap(tmp, dest string) error {
	if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
		return os.Rename(tmp, dest)
	}
	err := unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if err != nil {
		return swapByRename(tmp, dest)
	}
	return os.RemoveAll(tmp)
}
