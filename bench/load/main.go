// Load puts oops serve under load: many loopback clients fetch pages while
// a story is rewritten again and again, and it checks every response.
//
//	go run ./bench/load [-clients 200] [-rewrites 50] [-stories 500] [-source DIR] [-oops PATH]
//
// It builds oops (unless -oops names a binary), writes a library of
// -stories generated stories (unless -source names one), starts oops serve
// on a free loopback port, and runs -clients clients that fetch its pages
// (the story being rewritten most of all) until the story has been
// rewritten -rewrites times, each rewrite waited for until the server
// shows it. A response fails if its status is not 200 or it cannot be
// read; an HTML page is torn if it does not end with </html> or does not
// hold exactly one revision marker of the story. It prints the counts,
// the latencies and the server's memory (resident set, sampled), and exits
// 1 if any request failed or any page was torn.
//
// Traffic goes to 127.0.0.1 only, and the run ends by itself.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Config says how hard to push.
type Config struct {
	Clients  int
	Rewrites int
	Stories  int
	Source   string // a library to serve; default a generated one
	Oops     string // the oops binary; default built from this module
	Log      io.Writer
}

// A Report is what a run saw.
type Report struct {
	Requests, Failed, Torn int64
	Rewrites               int
	Elapsed                time.Duration
	P50, P99, Max          time.Duration
	RSSStart, RSSPeak      int64 // kB, after the first rewrite and at most
	RSSEnd                 int64
	RSSQuarters            [4]int64 // kB, after a quarter, half, three quarters and all of the rewrites
	Errors                 []string // the first few
}

func main() {
	var c Config
	flag.IntVar(&c.Clients, "clients", 200, "concurrent clients")
	flag.IntVar(&c.Rewrites, "rewrites", 50, "times the story is rewritten")
	flag.IntVar(&c.Stories, "stories", 500, "stories of the generated library")
	flag.StringVar(&c.Source, "source", "", "a library to serve instead of a generated one (its story load-target.md is added and removed)")
	flag.StringVar(&c.Oops, "oops", "", "the oops binary (default: go build ./cmd/oops)")
	flag.Parse()
	c.Log = os.Stderr
	r, err := Run(c)
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(2)
	}
	fmt.Print(r)
	if r.Failed > 0 || r.Torn > 0 {
		os.Exit(1)
	}
}

func (r *Report) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "requests %d in %.1fs (%.0f/s), failed %d, torn %d, rewrites %d\n",
		r.Requests, r.Elapsed.Seconds(), float64(r.Requests)/r.Elapsed.Seconds(), r.Failed, r.Torn, r.Rewrites)
	fmt.Fprintf(&b, "latency p50 %v, p99 %v, max %v\n", r.P50.Round(time.Microsecond), r.P99.Round(time.Microsecond), r.Max.Round(time.Millisecond))
	fmt.Fprintf(&b, "server RSS after the first rewrite %d MiB, peak %d MiB, at the end %d MiB\n", r.RSSStart>>10, r.RSSPeak>>10, r.RSSEnd>>10)
	fmt.Fprintf(&b, "server RSS after each quarter of the rewrites: %d, %d, %d, %d MiB\n", r.RSSQuarters[0]>>10, r.RSSQuarters[1]>>10, r.RSSQuarters[2]>>10, r.RSSQuarters[3]>>10)
	for _, e := range r.Errors {
		fmt.Fprintln(&b, "  ", e)
	}
	return b.String()
}

// target is the story that is rewritten; marker is what marks each revision.
const target = "content/stories/load-target.md"

var marker = regexp.MustCompile(`oops-revision-\d+`)

// Run runs the load test c describes.
func Run(c Config) (*Report, error) {
	tmp, err := os.MkdirTemp("", "oops-load-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if c.Oops == "" {
		c.Oops = filepath.Join(tmp, "oops")
		if err := buildOops(c.Oops); err != nil {
			return nil, err
		}
	}
	src := c.Source
	if src == "" {
		src = filepath.Join(tmp, "library")
		if err := generate(src, c.Stories); err != nil {
			return nil, err
		}
	}
	story := filepath.Join(src, filepath.FromSlash(target))
	if err := writeStory(story, 0); err != nil {
		return nil, err
	}
	defer os.Remove(story)

	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv := exec.CommandContext(ctx, c.Oops, "serve", "-source", src, "-addr", addr)
	// Stopped as Ctrl-C stops it, so that it removes its folder.
	srv.Cancel = func() error { return srv.Process.Signal(os.Interrupt) }
	srv.WaitDelay = 10 * time.Second
	srv.Stdout, srv.Stderr = io.Discard, io.Discard
	if c.Log != nil {
		srv.Stderr = c.Log
	}
	if err := srv.Start(); err != nil {
		return nil, err
	}
	defer srv.Wait()
	defer cancel()
	base := "http://" + addr
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConns: c.Clients, MaxIdleConnsPerHost: c.Clients, DisableCompression: true,
	}}
	if err := waitFor(client, base+"/stories/load-target/", 0, 30*time.Minute); err != nil {
		return nil, fmt.Errorf("the server did not start: %w", err)
	}
	return load(c, client, base, story, srv.Process.Pid)
}

// load runs the clients and the rewrites against a started server.
func load(c Config, client *http.Client, base, story string, pid int) (*Report, error) {
	pages := []string{"/stories/load-target/", "/stories/load-target/", "/stories/load-target/", "/", "/stories/", "/tags/", "/lessons/", "/changes/", "/search/", "/tags/load/"}
	r := &Report{}
	var mu sync.Mutex
	var latencies []time.Duration
	fail := func(kind *int64, format string, args ...any) {
		atomic.AddInt64(kind, 1)
		mu.Lock()
		if len(r.Errors) < 10 {
			r.Errors = append(r.Errors, fmt.Sprintf(format, args...))
		}
		mu.Unlock()
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	start := time.Now()
	for i := range c.Clients {
		wg.Go(func() {
			var mine []time.Duration
			for n := i; ; n++ {
				select {
				case <-done:
					mu.Lock()
					latencies = append(latencies, mine...)
					mu.Unlock()
					return
				default:
				}
				page := pages[n%len(pages)]
				t0 := time.Now()
				status, body, err := get(client, base+page)
				mine = append(mine, time.Since(t0))
				atomic.AddInt64(&r.Requests, 1)
				switch {
				case err != nil:
					fail(&r.Failed, "%s: %v", page, err)
				case status != http.StatusOK:
					fail(&r.Failed, "%s: status %d", page, status)
				case !bytes.HasSuffix(bytes.TrimSpace(body), []byte("</html>")):
					fail(&r.Torn, "%s: %d bytes that do not end with </html>", page, len(body))
				case page == "/stories/load-target/" && len(marker.FindAll(body, -1)) != 1:
					fail(&r.Torn, "%s: %d revision markers, want 1", page, len(marker.FindAll(body, -1)))
				}
			}
		})
	}

	// Memory, sampled while the load runs.
	var rss []int64
	stopSampling := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(func() {
		for {
			if kb := residentKB(pid); kb > 0 {
				mu.Lock()
				rss = append(rss, kb)
				mu.Unlock()
			}
			select {
			case <-stopSampling:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	})

	var err error
	for k := 1; k <= c.Rewrites; k++ {
		if err = writeStory(story, k); err != nil {
			break
		}
		if err = waitFor(client, base+"/stories/load-target/", k, time.Minute); err != nil {
			err = fmt.Errorf("rewrite %d never showed: %w", k, err)
			break
		}
		r.Rewrites = k
		if k == 1 {
			r.RSSStart = residentKB(pid)
		}
		if q := 4 * k / c.Rewrites; 4*k%c.Rewrites == 0 && q >= 1 {
			r.RSSQuarters[q-1] = residentKB(pid)
		}
	}
	close(done)
	wg.Wait()
	r.Elapsed = time.Since(start)
	r.RSSEnd = residentKB(pid)
	close(stopSampling)
	sampler.Wait()
	r.RSSPeak = slices.Max(append(rss, r.RSSEnd))
	slices.Sort(latencies)
	if n := len(latencies); n > 0 {
		r.P50, r.P99, r.Max = latencies[n/2], latencies[n*99/100], latencies[n-1]
	}
	return r, err
}

// get fetches url and reads the whole body.
func get(client *http.Client, url string) (int, []byte, error) {
	resp, err := client.Get(url)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	return resp.StatusCode, body, err
}

// waitFor polls url until it shows revision k.
func waitFor(client *http.Client, url string, k int, timeout time.Duration) error {
	want := []byte("oops-revision-" + strconv.Itoa(k) + "<")
	deadline := time.Now().Add(timeout)
	for {
		status, body, err := get(client, url)
		if err == nil && status == http.StatusOK && bytes.Contains(body, want) {
			return nil
		}
		if time.Now().After(deadline) {
			if err == nil {
				err = fmt.Errorf("status %d, no %s", status, want)
			}
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// writeStory writes revision k of the story.
func writeStory(name string, k int) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	body := strings.Repeat("A paragraph that makes the page a realistic size, rewritten while it is read.\n\n", 40)
	text := fmt.Sprintf("---\ntitle: The story being rewritten\ndate: 2024-06-01\nsummary: Rewritten again and again under load.\ntags: [load]\nlessons: [Pages are whole or not at all.]\n---\n%s\nThis is oops-revision-%d<!-- -->.\n\n%s", body, k, body)
	// Written in place, as an editor saving a file does.
	return os.WriteFile(name, []byte(text), 0o644)
}

// generate writes a library of n stories into dir.
func generate(dir string, n int) error {
	files := map[string]string{"content/_index.md": "---\ntitle: Load\n---\nA library for load tests.\n"}
	words := strings.Fields("deploy database certificate queue cache timeout rollback alert migration config dns backup")
	for i := range n {
		w := words[i%len(words)]
		files[fmt.Sprintf("content/stories/story-%05d.md", i)] = fmt.Sprintf(
			"---\ntitle: Story %d about the %s\ndate: 2023-%02d-%02d\nsummary: The %s went wrong, for the %dth time.\ntags: [%s, load]\nlessons: [Watch the %s.]\n---\n## What happened\n\n%s\n",
			i, w, i%12+1, i%28+1, w, i, w, w, strings.Repeat("The "+w+" broke and we fixed it. ", 60))
	}
	for name, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			return err
		}
	}
	return nil
}

// buildOops builds the oops command of this module into out.
func buildOops(out string) error {
	root, err := moduleRoot()
	if err != nil {
		return err
	}
	cmd := exec.Command("go", "build", "-o", out, "./cmd/oops")
	cmd.Dir = root
	cmd.Stderr = os.Stderr
	return cmd.Run()
}

func moduleRoot() (string, error) {
	out, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", err
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("not inside the oops module: run from its folder, or give -oops")
	}
	return filepath.Dir(mod), nil
}

// freeAddr returns a loopback address with a free port.
func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// residentKB returns the resident set of process pid in kB (0 if unknown).
func residentKB(pid int) int64 {
	data, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
			return n
		}
	}
	return 0
}
