package build

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A build writes into a new folder beside the destination, named after
// the destination and the process that writes it, and swaps it in.

// makeTemp removes the folders that builds of dest which no longer run
// left beside it, and makes a new, empty one, with the permissions the
// user's umask gives a new folder (those of os.MkdirTemp are private, and
// a web server running as another user could not read the site).
func makeTemp(dest string) (string, error) {
	parent := filepath.Dir(filepath.Clean(dest))
	prefix := "." + filepath.Base(filepath.Clean(dest)) + ".building-"
	sweep(parent, prefix)
	for {
		name := filepath.Join(parent, prefix+strconv.Itoa(os.Getpid())+"-"+strconv.FormatUint(uint64(rand.Uint32()), 10))
		err := os.Mkdir(name, 0o777)
		if err == nil {
			return name, nil
		}
		if !errors.Is(err, fs.ErrExist) {
			return "", fmt.Errorf("cannot write beside the destination: %w", err)
		}
	}
}

// sweep removes the folders in parent whose names start with prefix and
// a process id, other than those of processes still running.
func sweep(parent, prefix string) {
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok {
			continue
		}
		id, _, _ := strings.Cut(rest, "-")
		if pid, err := strconv.Atoi(strings.TrimSuffix(id, ".old")); err == nil && pid != os.Getpid() && !running(pid) {
			os.RemoveAll(filepath.Join(parent, e.Name()))
		}
	}
}

// replace puts the finished site at tmp in the place of dest and removes
// the old one. It first makes sure that the old site can be removed whole,
// so that when anything fails, dest is left as it was.
func replace(tmp, dest string) error {
	if err := removable(dest); err != nil {
		return fmt.Errorf("cannot replace %s: %w", dest, err)
	}
	old, err := swap(tmp, dest)
	if err != nil {
		return fmt.Errorf("replacing %s: %w", dest, err)
	}
	// The site is in place: what is left of the old one, if its removal
	// fails all the same, the next build sweeps away.
	os.RemoveAll(old)
	return nil
}

// swapByRename moves dest aside, moves tmp in its place, and returns where
// the old folder is. If the second rename fails the old folder is put back.
func swapByRename(tmp, dest string) (string, error) {
	old := tmp + ".old"
	if err := os.Rename(dest, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.Rename(tmp, dest); err != nil {
		os.Rename(old, dest)
		return "", err
	}
	return old, nil
}
