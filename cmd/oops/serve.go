package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"oops/cmd/internal/serve"
)

func serveFlags(fs *flag.FlagSet) func(pos []string, stdout, stderr io.Writer) int {
	var opt serve.Options
	sourceFlag(fs, &opt.Source)
	fs.StringVar(&opt.Addr, "addr", "127.0.0.1:1313", "the `address` to serve on; loopback unless you say otherwise")
	fs.BoolVar(&opt.Drafts, "drafts", false, "include stories marked draft")
	return func(_ []string, stdout, stderr io.Writer) int {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		defer stop()
		opt.Log = stderr
		if err := serve.Run(ctx, opt); err != nil {
			fmt.Fprintf(stderr, "oops serve: %v\n", err)
			return 1
		}
		return 0
	}
}
