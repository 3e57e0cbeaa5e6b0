// Package browsertest runs a headless Chromium for tests, through
// chromedp: it finds the browser, starts it with a fresh profile, stops it
// when the test ends, and records what a page reports (errors, dialogs).
//
// A test without a browser is skipped with a message saying how to
// install one, except under CI=true, where it fails: a CI run must not
// pass by skipping its browser tests.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// DefaultPath is where Debian's chromium package puts the browser.
const DefaultPath = "/usr/bin/chromium"

// Path returns the browser to run: $CHROMIUM, else DefaultPath.
func Path() string {
	if p := os.Getenv("CHROMIUM"); p != "" {
		return p
	}
	return DefaultPath
}

// Start launches the browser for t, with the flags given besides its own,
// and returns the context of its first tab. The browser stops when the
// test ends.
func Start(t testing.TB, flags ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path := Path()
	if _, err := exec.LookPath(path); err != nil {
		msg := fmt.Sprintf("no headless Chromium at %s (install it with `apt-get install -y chromium`, or set $CHROMIUM to a Chromium or Chrome binary)", path)
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Headless,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
	}
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox) // Chromium refuses to run as root with its sandbox
	}
	opts = append(opts, flags...)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return ctx
}

// NewTab opens a tab in the browser of ctx, closed when the test ends.
func NewTab(t testing.TB, ctx context.Context) context.Context {
	t.Helper()
	tab, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(tab); err != nil {
		t.Fatalf("opening a tab: %v", err)
	}
	return tab
}

// A Log holds what the pages of a tab reported.
type Log struct {
	mu      sync.Mutex
	errors  []string
	dialogs []string
}

// Watch records the errors of the tab of ctx (console errors, uncaught
// exceptions, violations the browser logs, such as of a Content Security
// Policy) and the dialogs it opens, which it dismisses.
func Watch(ctx context.Context) (*Log, error) {
	l := &Log{}
	var dialogs []*page.EventJavascriptDialogOpening
	var dmu sync.Mutex
	wake := make(chan struct{}, 1)
	err := chromedp.Listen(ctx, func(ev any) {
		switch ev := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeAssert {
				l.add(&l.errors, "console."+string(ev.Type)+": "+args(ev.Args))
			}
		case *runtime.EventExceptionThrown:
			l.add(&l.errors, (&chromedp.ExceptionError{ExceptionDetails: ev.ExceptionDetails}).Error())
		case *log.EventEntryAdded:
			if ev.Entry.Level == log.EntryLevelError {
				l.add(&l.errors, string(ev.Entry.Source)+": "+ev.Entry.Text)
			}
		case *page.EventJavascriptDialogOpening:
			l.add(&l.dialogs, string(ev.Type)+": "+ev.Message)
			dmu.Lock()
			dialogs = append(dialogs, ev)
			dmu.Unlock()
			select {
			case wake <- struct{}{}:
			default:
			}
		}
	})
	if err != nil {
		return nil, err
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-wake:
			}
			dmu.Lock()
			n := len(dialogs)
			dialogs = dialogs[:0]
			dmu.Unlock()
			for range n {
				chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
			}
		}
	}()
	return l, nil
}

func args(as []*runtime.RemoteObject) string {
	var s []string
	for _, a := range as {
		if a.Value != nil {
			s = append(s, string(a.Value))
		} else {
			s = append(s, a.Description)
		}
	}
	return strings.Join(s, " ")
}

func (l *Log) add(to *[]string, s string) {
	l.mu.Lock()
	*to = append(*to, s)
	l.mu.Unlock()
}

// Errors returns the errors reported since the last Reset.
func (l *Log) Errors() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.errors...)
}

// Dialogs returns the dialogs opened since the last Reset.
func (l *Log) Dialogs() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]string(nil), l.dialogs...)
}

// Reset forgets the errors and dialogs reported so far.
func (l *Log) Reset() {
	l.mu.Lock()
	l.errors, l.dialogs = nil, nil
	l.mu.Unlock()
}

// Wait polls expression in the tab of ctx until it is true, for at most
// timeout.
func Wait(ctx context.Context, expression string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expression))
		if err == nil && ok {
			return nil
		}
		select {
		case <-ctx.Done():
			if err != nil {
				return fmt.Errorf("waiting for %s: %w", expression, err)
			}
			return fmt.Errorf("waiting for %s: still false after %v", expression, timeout)
		case <-time.After(10 * time.Millisecond):
		}
	}
}
