package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path"
	"path/filepath"
	"strings"
	"time"

	"oops/cmd/internal/scaffold"
)

func runNew(source, tags string, pos []string, stdout, stderr io.Writer) int {
	if len(pos) != 1 || strings.TrimSpace(pos[0]) == "" {
		fmt.Fprintln(stderr, `oops new: give the story's title, in quotes: oops new "Expired certificate took down login"`)
		return 2
	}
	name, err := scaffold.Create(source, pos[0], splitList(tags), time.Now())
	var input *scaffold.InputError
	switch {
	case errors.As(err, &input):
		fmt.Fprintf(stderr, "oops new: %v\n", err)
		return 2
	case err != nil:
		fmt.Fprintf(stderr, "oops new: %v\n", err)
		return 1
	}
	slug := strings.TrimSuffix(filepath.Base(name), ".md")
	fmt.Fprintf(stdout, "wrote %s\n\nNext:\n", name)
	fmt.Fprintf(stdout, "  1. Replace each %s in it with your own words%s.\n", scaffold.Marker, tagsNote(tags))
	fmt.Fprintf(stdout, "  2. Preview it as you write:  go run ./cmd/oops serve%s\n", sourceArg(source))
	fmt.Fprintf(stdout, "     and open http://127.0.0.1:1313%s\n", path.Join("/stories", slug)+"/")
	fmt.Fprintf(stdout, "  3. Check it:                 go run ./cmd/oops check%s\n", sourceArg(source))
	fmt.Fprintf(stdout, "  4. Open a pull request: CI runs the same check, and Netlify posts a preview of the site.\n")
	return 0
}

func newFlags(fs *flag.FlagSet) func(pos []string, stdout, stderr io.Writer) int {
	var source string
	sourceFlag(fs, &source)
	tags := fs.String("tags", "", "comma-separated `tags` for the story, e.g. deploys,database")
	return func(pos []string, stdout, stderr io.Writer) int { return runNew(source, *tags, pos, stdout, stderr) }
}

func tagsNote(tags string) string {
	if len(splitList(tags)) > 0 {
		return ""
	}
	return ", and give it at least one tag (tags: [deploys])"
}

func sourceArg(source string) string {
	if source == "." || source == "" {
		return ""
	}
	return " -source " + source
}
