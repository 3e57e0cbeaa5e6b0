package build

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// A Source is a library's folder as a file system. It reads files with as
// few system calls as the platform allows, since a build reads every story
// twice, and it never follows a symbolic link out of the folder.
type Source struct {
	dir  string // absolute, symbolic links resolved
	fsys fs.FS
}

// OpenSource opens the folder dir.
func OpenSource(dir string) (*Source, error) {
	real, err := realPath(dir)
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
	return &Source{dir: real, fsys: os.DirFS(real)}, nil
}

// Dir returns the folder's absolute path.
func (s *Source) Dir() string { return s.dir }

// Open opens a file, refusing one that lies outside the folder.
func (s *Source) Open(name string) (fs.File, error) {
	if err := s.inside(name); err != nil {
		return nil, err
	}
	return s.fsys.Open(name)
}

// ReadDir lists a folder.
func (s *Source) ReadDir(name string) ([]fs.DirEntry, error) {
	if err := s.inside(name); err != nil {
		return nil, err
	}
	return fs.ReadDir(s.fsys, name)
}

// Stat describes a file.
func (s *Source) Stat(name string) (fs.FileInfo, error) {
	if err := s.inside(name); err != nil {
		return nil, err
	}
	return fs.Stat(s.fsys, name)
}

// ReadFile reads a whole file.
func (s *Source) ReadFile(name string) ([]byte, error) {
	return s.ReadFileBuffer(name, nil)
}

// ReadFileBuffer reads a whole file, into buf if it is large enough.
func (s *Source) ReadFileBuffer(name string, buf []byte) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "read", Path: name, Err: fs.ErrInvalid}
	}
	data, err := readNoFollow(filepath.Join(s.dir, filepath.FromSlash(name)), buf)
	if errors.Is(err, errSymlink) {
		if err := s.inside(name); err != nil {
			return nil, err
		}
		return fs.ReadFile(s.fsys, name)
	}
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: unwrapPathError(err)}
	}
	return data, nil
}

// errEscapes says a symbolic link leads out of the source folder.
var errEscapes = errors.New("symbolic link leads outside the source folder; it is not followed")

// inside checks that name, with every symbolic link on its way resolved,
// stays inside the folder.
func (s *Source) inside(name string) error {
	if !fs.ValidPath(name) {
		return &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	real, err := filepath.EvalSymlinks(filepath.Join(s.dir, filepath.FromSlash(name)))
	if err != nil {
		return nil // Open reports it
	}
	if real != s.dir && !within(real, s.dir) {
		return &fs.PathError{Op: "open", Path: name, Err: errEscapes}
	}
	return nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
