package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"oops/cmd/internal/check"
	"oops/cmd/internal/follow"
	"oops/cmd/internal/source"
)

func runCheck(dir, baseline string, strict bool, stdout, stderr io.Writer) int {
	defer paceMemory()()
	src, err := source.Open(dir)
	if err != nil {
		fmt.Fprintf(stderr, "oops check: source folder: %v\n", err)
		return 1
	}
	today, err := follow.Today(os.Getenv, time.Now())
	if err != nil {
		fmt.Fprintf(stderr, "oops check: %v\n", err)
		return 1
	}
	opt := check.Options{Today: today, Strict: strict}
	if baseline != "" {
		if opt.Baseline, err = check.ReadBaseline(baseline); err != nil {
			report(stderr, "check", err)
			return 1
		}
	}
	res, err := check.Check(src, opt)
	if err != nil {
		report(stderr, "check", err)
		return 1
	}
	res.Diags.Print(stderr, actions())
	errs, warns := res.Diags.Errors(), len(res.Diags)-res.Diags.Errors()
	if res.Diags.Failing(strict) > 0 {
		fmt.Fprintf(stderr, "oops check: %s, %s%s\n", count(errs, "error"), count(warns, "warning"), strictNote(strict, warns))
		return 1
	}
	fmt.Fprintf(stdout, "oops check: no errors in %s and %s (%s)\n", count(res.Stories, "story"), count(res.Pages, "page"), count(warns, "warning"))
	return 0
}

func checkFlags(fs *flag.FlagSet) func(pos []string, stdout, stderr io.Writer) int {
	var source string
	sourceFlag(fs, &source)
	baseline := fs.String("baseline", "", "the published site's urls.txt, a `file or http(s) URL`: fail when a URL it lists is gone without a redirect")
	strict := fs.Bool("strict", false, "fail on warnings too, except that of an overdue change")
	return func(_ []string, stdout, stderr io.Writer) int {
		return runCheck(source, *baseline, *strict, stdout, stderr)
	}
}

func count(n int, what string) string {
	switch {
	case n == 1:
		return "1 " + what
	case what == "story":
		return fmt.Sprintf("%d stories", n)
	}
	return fmt.Sprintf("%d %ss", n, what)
}

func strictNote(strict bool, warns int) string {
	if strict && warns > 0 {
		return " (-strict: warnings fail the check)"
	}
	return ""
}
