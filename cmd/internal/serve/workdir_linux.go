package serve

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
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

// sweep removes the folders in base that servers which are no longer
// running left behind (killed, they could not remove their own): in
// /dev/shm they would hold memory until the machine restarts. A folder
// is named after its server's process id (see folderPrefix).
func sweep(base string) {
	if base == "" {
		base = os.TempDir()
	}
	dirs, _ := filepath.Glob(filepath.Join(base, "oops-serve-*-*"))
	for _, d := range dirs {
		f := strings.Split(filepath.Base(d), "-")
		pid, err := strconv.Atoi(f[2])
		if err != nil || pid == os.Getpid() {
			continue
		}
		if _, err := os.Stat("/proc/" + f[2]); os.IsNotExist(err) {
			os.RemoveAll(d)
		}
	}
}
