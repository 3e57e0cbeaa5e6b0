package main

import (
	"fmt"
	"io"
	"runtime/debug"
)

// version is the release; builds from a checkout add the commit.
const version = "0.1.0"

func runVersion(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("version", "", stderr)
	if _, status, ok := parse(fs, args); !ok {
		return status
	}
	v := "oops " + version
	if info, ok := debug.ReadBuildInfo(); ok {
		v += " " + info.GoVersion
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" && len(s.Value) >= 12 {
				v += " " + s.Value[:12]
			}
		}
	}
	fmt.Fprintln(stdout, v)
	return 0
}
