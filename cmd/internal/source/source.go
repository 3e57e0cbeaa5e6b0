// Package source opens a library's folder for reading, and nothing outside
// it.
//
// A Source is the folder as an fs.FS. Every name is resolved inside the
// folder one element at a time (with os.Root): a symbolic link is followed
// while it stays inside the folder, and one that leads out of it, anywhere
// on the way, is an error (ErrEscapes) instead of a read of the file it
// points at.
package source

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// A Source is a library's folder as a file system.
type Source struct {
	dir  string // absolute, symbolic links resolved
	root *os.Root
	fsys fs.FS

	mu      sync.Mutex
	folders map[string]*os.Root // folders files are read from, by name
}

// maxFolders bounds how many folders a Source keeps open.
const maxFolders = 64

// ErrEscapes says a symbolic link leads out of the source folder.
var ErrEscapes = errors.New("symbolic link leads outside the source folder; it is not followed")

// Open opens the folder dir.
func Open(dir string) (*Source, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	real, err := filepath.EvalSymlinks(abs)
	if err != nil {
		return nil, err
	}
	info, err := os.Stat(real)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s is not a folder", dir)
	}
	root, err := os.OpenRoot(real)
	if err != nil {
		return nil, err
	}
	return &Source{dir: real, root: root, fsys: root.FS()}, nil
}

// Close closes the folder.
func (s *Source) Close() error {
	s.Forget()
	return s.root.Close()
}

// Forget closes the folders that files were read from, so that later
// reads find them afresh: a Source that lives while its folders may be
// moved or replaced is told to forget them before it reads them again.
func (s *Source) Forget() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range s.folders {
		r.Close()
	}
	s.folders = nil
}

// Dir returns the folder's absolute path.
func (s *Source) Dir() string { return s.dir }

// ErrNotRegular says a name is neither a regular file nor a folder: a
// named pipe, a device or a socket, which a library has no use for and
// which could block a read forever.
var ErrNotRegular = errors.New("not a regular file or folder (a named pipe, device or socket?): a library holds only files and folders")

// Open opens a file or folder. It refuses anything else, such as a named
// pipe, without waiting for a writer to it.
func (s *Source) Open(name string) (fs.File, error) {
	f, _, err := s.open(name)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func (s *Source) open(name string) (*os.File, fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	f, err := s.openFile(name)
	if err != nil {
		return nil, nil, s.pathError("open", name, err)
	}
	info, err := f.Stat()
	if err == nil && !info.Mode().IsRegular() && !info.IsDir() {
		err = ErrNotRegular
	}
	if err != nil {
		f.Close()
		return nil, nil, s.pathError("open", name, err)
	}
	return f, info, nil
}

// openFile opens name for reading. Resolving a name one element at a
// time costs a system call for each, and a build reads thousands of files
// in a few folders: a file is opened from its folder, kept open once
// found, in one step. A name that the folder refuses (a symbolic link
// that leads out of it) is resolved from the top, where it may still be
// inside.
func (s *Source) openFile(name string) (*os.File, error) {
	const flags = os.O_RDONLY | syscall.O_NONBLOCK
	if dir, base := path.Split(name); dir != "" {
		if r := s.folder(strings.TrimSuffix(dir, "/")); r != nil {
			if f, err := r.OpenFile(base, flags, 0); err == nil || !escapes(err) {
				return f, err
			}
		}
	}
	return s.root.OpenFile(name, flags, 0)
}

// folder returns the folder dir, opened, or nil.
func (s *Source) folder(dir string) *os.Root {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r := s.folders[dir]; r != nil || len(s.folders) >= maxFolders {
		return r
	}
	r, err := s.root.OpenRoot(dir)
	if err != nil {
		return nil
	}
	if s.folders == nil {
		s.folders = map[string]*os.Root{}
	}
	s.folders[dir] = r
	return r
}

// escapes reports whether err is os.Root's refusal of a name that leads
// out of it.
func escapes(err error) bool { return strings.Contains(err.Error(), "escapes from parent") }

// ReadDir lists a folder, sorted by name.
func (s *Source) ReadDir(name string) ([]fs.DirEntry, error) {
	entries, err := fs.ReadDir(s.fsys, name)
	if err != nil {
		return nil, s.pathError("open", name, err)
	}
	return entries, nil
}

// Stat describes a file, following symbolic links that stay inside.
func (s *Source) Stat(name string) (fs.FileInfo, error) {
	info, err := fs.Stat(s.fsys, name)
	if err != nil {
		return nil, s.pathError("stat", name, err)
	}
	return info, nil
}

// ReadFile reads a whole file.
func (s *Source) ReadFile(name string) ([]byte, error) {
	return s.ReadFileBuffer(name, nil)
}

// ReadFileBuffer reads a whole file, into buf if it has room.
func (s *Source) ReadFileBuffer(name string, buf []byte) ([]byte, error) {
	f, info, err := s.open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if size := int(info.Size()) + 1; cap(buf) < size {
		buf = make([]byte, 0, max(size, 512))
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := f.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		switch {
		case err == io.EOF || err == nil && len(buf) < cap(buf):
			// A regular file's read comes up short only at its end.
			return buf, nil
		case err != nil:
			return nil, s.pathError("read", name, err)
		}
	}
}

// pathError is err as an error of op on name. A link that leads out of the
// folder is ErrEscapes, unless what it leads to does not exist.
func (s *Source) pathError(op, name string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if escapes(err) {
		err = ErrEscapes
		if _, statErr := os.Stat(filepath.Join(s.dir, filepath.FromSlash(name))); errors.Is(statErr, fs.ErrNotExist) && errors.As(statErr, &pe) {
			err = pe.Err
		}
	}
	return &fs.PathError{Op: op, Path: name, Err: err}
}
