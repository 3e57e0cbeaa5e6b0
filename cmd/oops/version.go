package main

import (
	"flag"
	"fmt"
	"io"
	"runtime/debug"
)

// version is the release; builds from a checkout add the commit.
const version = "0.1.0"

func versionFlags(*flag.FlagSet) func(pos []string, stdout, stderr io.Writer) int {
	return runVersion
}

func runVersion(_ []string, stdout, stderr io.Writer) int {
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
