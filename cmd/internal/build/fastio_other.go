//go:build !unix

package build

import (
	"errors"
	"io/fs"
	"os"
)

var errSymlink = errors.New("symbolic link")

func readNoFollow(path string, _ []byte) ([]byte, error) {
	if info, err := os.Lstat(path); err == nil && info.Mode()&fs.ModeSymlink != 0 {
		return nil, errSymlink
	}
	return os.ReadFile(path)
}

func writeFile(path string, data []byte) error { return os.WriteFile(path, data, 0o644) }

func mkdir(path string) error {
	err := os.Mkdir(path, 0o755)
	if err == nil || errors.Is(err, fs.ErrExist) {
		return nil
	}
	if errors.Is(err, fs.ErrNotExist) {
		return os.ErrNotExist
	}
	return err
}
