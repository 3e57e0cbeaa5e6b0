package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CheckDest refuses a destination whose replacement would destroy the
// source: the source folder itself, a folder above it, or content/,
// layouts/, static/ or anything inside them. It also refuses a folder
// that exists, is not empty, and does not hold a previous build.
func CheckDest(source, dest string) error {
	src, err := realPath(source)
	if err != nil {
		return fmt.Errorf("source folder: %w", err)
	}
	dst, err := realPath(dest)
	if err != nil {
		return fmt.Errorf("destination: %w", err)
	}
	switch {
	case dst == src:
		return fmt.Errorf("destination %s is the source folder: building there would replace the library; use -dest %s", dest, filepath.Join(source, "public"))
	case within(src, dst):
		return fmt.Errorf("destination %s holds the source folder %s: building there would replace the library", dest, source)
	}
	for _, d := range []string{"content", "layouts", "static"} {
		if dir := filepath.Join(src, d); dst == dir || within(dst, dir) {
			return fmt.Errorf("destination %s is inside the library's %s/ folder: the build would replace its own input", dest, d)
		}
	}
	return checkPrevious(dest)
}

// Marker is the file a build writes at the top of the site, and the sign
// that a folder holds a site oops built, which the next build may replace.
const Marker = ".oops-site"

// markerText is what Marker holds.
const markerText = "oops build wrote this folder and replaces it whole on the next build: keep nothing of your own here.\n"

// checkPrevious refuses to replace a non-empty folder that oops did not
// write: one without the Marker.
func checkPrevious(dest string) error {
	entries, err := os.ReadDir(dest)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("destination: %w", err)
	}
	if len(entries) == 0 {
		return nil
	}
	if info, err := os.Lstat(filepath.Join(dest, Marker)); err == nil && info.Mode().IsRegular() {
		return nil
	}
	msg := fmt.Sprintf("destination %s is a folder with files that oops did not write (it has no %s file): remove it or choose another -dest", dest, Marker)
	if _, err := os.Lstat(filepath.Join(dest, "urls.txt")); err == nil {
		msg += "; if an older oops built it, remove it and build again"
	}
	return errors.New(msg)
}

// realPath returns the absolute path of p with symbolic links resolved,
// resolving the nearest existing parent when p does not exist yet.
func realPath(p string) (string, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return "", err
	}
	var rest []string
	for dir := abs; ; dir = filepath.Dir(dir) {
		if r, err := filepath.EvalSymlinks(dir); err == nil {
			return filepath.Join(append([]string{r}, rest...)...), nil
		}
		if dir == filepath.Dir(dir) {
			return abs, nil
		}
		rest = append([]string{filepath.Base(dir)}, rest...)
	}
}

// within reports whether path lies strictly inside dir.
func within(path, dir string) bool {
	return strings.HasPrefix(path, strings.TrimSuffix(dir, string(filepath.Separator))+string(filepath.Separator))
}
