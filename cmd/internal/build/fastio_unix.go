//go:build unix

package build

import (
	"errors"
	"os"
	"syscall"
)

// errSymlink is returned by readNoFollow for a symbolic link.
var errSymlink = errors.New("symbolic link")

// readNoFollow reads a regular file in three system calls, into buf if it
// has room. It does not follow a symbolic link in the last element of path;
// it does not block on a FIFO.
func readNoFollow(path string, buf []byte) ([]byte, error) {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(path, syscall.O_RDONLY|syscall.O_NOFOLLOW|syscall.O_CLOEXEC|syscall.O_NONBLOCK, 0)
	})
	if err == syscall.ELOOP {
		return nil, errSymlink
	}
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	defer syscall.Close(fd)
	if cap(buf) == 0 {
		buf = make([]byte, 0, 8<<10)
	}
	buf = buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := ignoringEINTR(func() (int, error) { return syscall.Read(fd, buf[len(buf):cap(buf)]) })
		if err != nil {
			return nil, &os.PathError{Op: "read", Path: path, Err: err}
		}
		buf = buf[:len(buf)+n]
		// A regular file's read comes up short only at its end.
		if n == 0 || len(buf) < cap(buf) {
			return buf, nil
		}
	}
}

// writeFile writes data to path in three system calls.
func writeFile(path string, data []byte) error {
	fd, err := ignoringEINTR(func() (int, error) {
		return syscall.Open(path, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC|syscall.O_CLOEXEC, 0o644)
	})
	if err != nil {
		return &os.PathError{Op: "open", Path: path, Err: err}
	}
	for len(data) > 0 {
		n, err := ignoringEINTR(func() (int, error) { return syscall.Write(fd, data) })
		if err != nil {
			syscall.Close(fd)
			return &os.PathError{Op: "write", Path: path, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &os.PathError{Op: "close", Path: path, Err: err}
	}
	return nil
}

// mkdir makes one folder; it is not an error if it exists.
func mkdir(path string) error {
	err := syscall.Mkdir(path, 0o755)
	if err == nil || err == syscall.EEXIST {
		return nil
	}
	if err == syscall.ENOENT {
		return os.ErrNotExist
	}
	return &os.PathError{Op: "mkdir", Path: path, Err: err}
}

func ignoringEINTR(f func() (int, error)) (int, error) {
	for {
		n, err := f()
		if err != syscall.EINTR {
			return n, err
		}
	}
}
