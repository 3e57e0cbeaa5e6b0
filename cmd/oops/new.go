package main

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"oops/cmd/internal/scaffold"
)

func runNew(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("new", `[-source DIR] [-tags a,b] "Story title"`, stderr)
	source := sourceFlag(fs)
	tags := fs.String("tags", "", "comma-separated `tags` for the story, e.g. deploys,database")
	pos, status, ok := parse(fs, args)
	if !ok {
		return status
	}
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		fmt.Fprintln(stderr, `oops new: give the story's title, in quotes: oops new "Expired certificate took down login"`)
		return 2
	}
	name, err := scaffold.Create(*source, pos[0], splitList(*tags), time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "oops new: %v\n", err)
		return 1
	}
	rel, _ := filepath.Rel(*source, name)
	fmt.Fprintf(stdout, "wrote %s\n", name)
	fmt.Fprintf(stdout, "Fill in the parts marked %s, then preview it as you write:\n\n\tgo run ./cmd/oops serve%s\n\nand open the story at /stories/%s/. Check it before you open a pull request:\n\n\tgo run ./cmd/oops check%s\n",
		scaffold.Marker, sourceArg(*source), strings.TrimSuffix(filepath.Base(rel), ".md"), sourceArg(*source))
	return 0
}

func sourceArg(source string) string {
	if source == "." || source == "" {
		return ""
	}
	return " -source " + source
}
