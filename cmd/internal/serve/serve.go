// Package serve runs the writer's loop: it builds a library, serves it over
// HTTP on loopback, watches its content/, layouts/ and static/ folders, and
// rebuilds what a change touches. Open pages reload once a rebuild is
// complete, never before, keeping their scroll position. A broken save
// shows its errors in the terminal and over the page in the browser, with
// file, line and the lines around it, while the last good site keeps being
// served; the next good save clears them. A file caught while its editor
// writes it is read again once the files are quiet, not shown as broken.
// No content error stops the server.
//
// The server answers only requests addressed to it by its own name (DNS
// rebinding gives a page of another site no way in), and says so on start
// when it listens on an address other machines can reach.
//
// The site is built into a temporary folder (in memory-backed /dev/shm
// when it has room), the same bytes oops build
// would write, and served from there; the live-reload script is added to
// pages as they are served, never written.
package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"slices"
	"strconv"
	"syscall"
	"time"

	"oops/cmd/internal/build"
	"oops/cmd/internal/diag"
	"oops/cmd/internal/source"
)

// Options say what to serve and where.
type Options struct {
	Source string // the library's folder
	Addr   string // host:port to listen on
	Drafts bool
	Log    io.Writer // where rebuilds and errors are reported
	Ready  func(url string)
}

// Run builds and serves the library until ctx is done.
func Run(ctx context.Context, opt Options) error {
	src, err := source.Open(opt.Source)
	if err != nil {
		return fmt.Errorf("source folder: %w", err)
	}
	ln, err := listen(opt.Addr)
	if err != nil {
		return err
	}
	defer ln.Close()
	base := workDir()
	sweep(base)
	dir, err := os.MkdirTemp(base, folderPrefix())
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	s, err := start(src, dir, opt)
	if err != nil {
		return err
	}
	w, err := newWatcher(src.Dir())
	if err != nil {
		return fmt.Errorf("watching %s: %w", opt.Source, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	go s.loop(ctx, w)
	return s.serve(ctx, ln)
}

// folderPrefix begins the name of the folder the site is written to; it
// holds the server's process id, so that a later server can tell the
// folder of one that was killed.
func folderPrefix() string { return "oops-serve-" + strconv.Itoa(os.Getpid()) + "-" }

// listen listens on addr, saying plainly when the port is taken.
func listen(addr string) (net.Listener, error) {
	ln, err := net.Listen("tcp", addr)
	if errors.Is(err, syscall.EADDRINUSE) {
		return nil, fmt.Errorf("%s is already in use (another oops serve?): stop it, or choose another address with -addr", addr)
	}
	return ln, err
}

// A server is one running oops serve.
type server struct {
	opt   Options
	src   *source.Source
	live  *Live
	hub   *hub
	files *files
}

func start(src *source.Source, dir string, opt Options) (*server, error) {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, err
	}
	s := &server{opt: opt, src: src, hub: newHub()}
	s.files = &files{root: root, hub: s.hub}
	began := time.Now()
	live, res, err := NewLive(src, dir, build.Options{Drafts: opt.Drafts})
	s.live = live
	if err != nil && diag.As(err) == nil {
		return nil, err
	}
	s.report(res, err, time.Since(began))
	return s, nil
}

func (s *server) serve(ctx context.Context, ln net.Listener) error {
	hs := &http.Server{
		Handler:           s.files,
		BaseContext:       func(net.Listener) context.Context { return ctx },
		ReadHeaderTimeout: 10 * time.Second,
	}
	s.files.hosts = hostsOf(s.opt.Addr, ln.Addr())
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(s.opt.Log, "serving %s at %s (Ctrl-C stops)\n", s.opt.Source, url)
	if tcp, ok := ln.Addr().(*net.TCPAddr); ok && !tcp.IP.IsLoopback() {
		fmt.Fprintf(s.opt.Log, "warning: -addr %s is not a loopback address: the library, with every error shown while you write, is now reachable from the network (-addr 127.0.0.1:1313 keeps it to this machine)\n", s.opt.Addr)
	}
	if s.opt.Ready != nil {
		s.opt.Ready(url)
	}
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shut, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	hs.Shutdown(shut)
	return nil
}

// loop rebuilds after each batch of changes. A rebuild that fails may have
// read a file that its editor was still writing, empty or cut short: its
// errors are told once the files have been quiet for settle, and read
// once more, so that a save in progress is never shown as a broken one.
func (s *server) loop(ctx context.Context, w *watcher) {
	batches := make(chan []string)
	werrs := make(chan error, 1)
	go w.run(ctx, batches, werrs)
	var failed []string // the files of the rebuilds that failed since the last report
	var settled <-chan time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case err := <-werrs:
			fmt.Fprintf(s.opt.Log, "watching: %v\n", err)
		case batch := <-batches:
			failed = slices.Compact(slices.Sorted(slices.Values(append(failed, batch...))))
			if s.rebuild(failed, false) {
				failed, settled = nil, nil
			} else {
				settled = time.After(settle)
			}
		case <-settled:
			s.rebuild(failed, true)
			failed, settled = nil, nil
		}
	}
}

// settle is how long the files of a failed rebuild must be left alone
// before its errors are told: longer than an editor takes to write a file.
const settle = 200 * time.Millisecond

// rebuild updates the site after the files named changed. It reports
// whether the rebuild succeeded, and tells how it went unless it failed
// and is not the last try.
func (s *server) rebuild(names []string, last bool) bool {
	began := time.Now()
	res, err := s.live.Update(names)
	if err != nil && !last {
		return false
	}
	s.report(res, err, time.Since(began))
	return err == nil
}

// report tells the terminal and the open pages how a build went.
func (s *server) report(res *build.Result, err error, took time.Duration) {
	if err != nil {
		diag.As(err).Print(s.opt.Log, false)
		if diag.As(err) == nil {
			fmt.Fprintf(s.opt.Log, "oops serve: %v\n", err)
		}
		fmt.Fprintf(s.opt.Log, "still serving the last good build; fix and save to rebuild\n")
		s.hub.fail(problems(err, s.src))
		return
	}
	res.Warnings.Print(s.opt.Log, false)
	fmt.Fprintf(s.opt.Log, "built %d %s in %s\n", res.Pages, plural(res.Pages, "page", "pages"), took.Round(time.Millisecond))
	s.hub.reload()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
