package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"oops/cmd/internal/serve"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	fs := newFlags("serve", "[-source DIR] [-addr 127.0.0.1:1313] [-drafts]", stderr)
	source := sourceFlag(fs)
	addr := fs.String("addr", "127.0.0.1:1313", "the `address` to serve on; loopback unless you say otherwise")
	drafts := fs.Bool("drafts", false, "include stories marked draft")
	if status, ok := parseNone(fs, args); !ok {
		return status
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := serve.Run(ctx, serve.Options{Source: *source, Addr: *addr, Drafts: *drafts, Log: stderr})
	if err != nil {
		fmt.Fprintf(stderr, "oops serve: %v\n", err)
		return 1
	}
	return 0
}
