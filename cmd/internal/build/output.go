package build

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
)

// A Dir writes the files of a site into a folder. Its files and folders
// get the permissions that the umask gives any new ones.
type Dir struct {
	Root   string
	Atomic bool // write each file beside itself and rename it into place

	mu   sync.Mutex
	made map[string]bool

	// mkdirMu makes folders one at a time: the kernel serialises making
	// entries in one folder anyway, and goroutines that contend for it
	// there are slower together than one alone.
	mkdirMu sync.Mutex
}

// WriteFile writes data to name, a slash path under the root, making
// folders as needed.
func (d *Dir) WriteFile(name string, data []byte) error {
	full := filepath.Join(d.Root, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		return err
	}
	if !d.Atomic {
		return writeFile(full, data)
	}
	// No two writes are ever of one file at once, so its temporary
	// name, hidden from the server, can be fixed.
	tmp := filepath.Join(filepath.Dir(full), ".tmp-"+filepath.Base(full))
	err := writeFile(tmp, data)
	if err == nil {
		err = os.Rename(tmp, full)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Create opens name, a slash path under the root, for writing as
// WriteFile would write it: its folders made, and with Atomic, in place
// only once it is closed.
func (d *Dir) Create(name string) (io.WriteCloser, error) {
	full := filepath.Join(d.Root, filepath.FromSlash(name))
	if err := d.mkdir(filepath.Dir(full)); err != nil {
		return nil, err
	}
	if !d.Atomic {
		return os.Create(full)
	}
	tmp := filepath.Join(filepath.Dir(full), ".tmp-"+filepath.Base(full))
	f, err := os.Create(tmp)
	if err != nil {
		return nil, err
	}
	return &renameOnClose{f, full}, nil
}

// renameOnClose is a file written under a temporary name and renamed to
// its own when closed.
type renameOnClose struct {
	*os.File
	to string
}

func (f *renameOnClose) Close() error {
	err := f.File.Close()
	if err == nil {
		err = os.Rename(f.Name(), f.to)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Remove removes the file name and the folders it leaves empty.
func (d *Dir) Remove(name string) error {
	full := filepath.Join(d.Root, filepath.FromSlash(name))
	if err := os.Remove(full); err != nil && !os.IsNotExist(err) {
		return err
	}
	for dir := filepath.Dir(full); strings.HasPrefix(dir, d.Root+string(filepath.Separator)); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			break
		}
		d.mu.Lock()
		delete(d.made, dir)
		d.mu.Unlock()
	}
	return nil
}

func (d *Dir) mkdir(dir string) error {
	d.mu.Lock()
	done := d.made[dir]
	d.mu.Unlock()
	if done {
		return nil
	}
	err := d.mkdirOne(dir)
	if errors.Is(err, fs.ErrNotExist) && dir != d.Root {
		if err = d.mkdir(filepath.Dir(dir)); err == nil {
			err = d.mkdirOne(dir)
		}
	}
	if err != nil {
		return err
	}
	d.mu.Lock()
	if d.made == nil {
		d.made = map[string]bool{}
	}
	d.made[dir] = true
	d.mu.Unlock()
	return nil
}

// mkdirOne makes one folder; it is not an error if it exists.
func (d *Dir) mkdirOne(dir string) error {
	d.mkdirMu.Lock()
	defer d.mkdirMu.Unlock()
	if err := os.Mkdir(dir, 0o777); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	return nil
}

// writeFile writes data to the file path, as os.WriteFile does with the
// permissions the umask gives a new file. O_NONBLOCK, which changes
// nothing for a regular file, spares the two system calls that os.OpenFile
// otherwise makes to set and clear it on each of the build's thousands.
func writeFile(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC|syscall.O_NONBLOCK, 0o666)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}
