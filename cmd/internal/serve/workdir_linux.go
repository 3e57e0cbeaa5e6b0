package serve

import (
	"os"
	"syscall"
)

// workDir returns where the served site is written: memory-backed
// /dev/shm when it has ample room and $TMPDIR does not say otherwise, as
// the disk's writes would make startup slow and uneven; else the default
// temporary folder.
func workDir() string {
	if os.Getenv("TMPDIR") != "" {
		return ""
	}
	var st syscall.Statfs_t
	if err := syscall.Statfs("/dev/shm", &st); err != nil || uint64(st.Bavail)*uint64(st.Bsize) < 4<<30 {
		return ""
	}
	return "/dev/shm"
}
