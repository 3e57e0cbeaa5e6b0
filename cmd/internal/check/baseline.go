package check

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"oops/cmd/internal/anchors"
	"oops/cmd/internal/diag"
)

// A Baseline is the list of URL paths of the published site: the urls.txt
// that a build writes.
type Baseline struct {
	Name  string // the file or URL it was read from, for messages
	Paths []string
	Lines []int // the line of each path

	// Anchors are the lesson anchors of the anchors.txt beside it; nil
	// when it has none.
	Anchors []anchors.Anchor
}

// Timeout bounds the fetching of a baseline over HTTP.
var Timeout = 30 * time.Second

// maxBaseline bounds the size of a baseline: 100,000 URLs of 100 bytes.
const maxBaseline = 10 << 20

// ReadBaseline reads a baseline from a file, or from an http(s) URL. A
// baseline that cannot be read, or lists no URL, is an error: a check
// asked to keep the published URLs never passes without doing so.
func ReadBaseline(name string) (*Baseline, error) {
	var data []byte
	var err error
	if strings.HasPrefix(name, "http://") || strings.HasPrefix(name, "https://") {
		data, err = fetch(name)
	} else {
		data, err = os.ReadFile(name)
	}
	if err != nil {
		return nil, err
	}
	b, err := ParseBaseline(name, data)
	if err != nil {
		return nil, err
	}
	if b.Anchors, err = readAnchors(name); err != nil {
		return nil, err
	}
	return b, nil
}

func fetch(u string) ([]byte, error) {
	c := &http.Client{Timeout: Timeout}
	resp, err := c.Get(u)
	if err != nil {
		return nil, fmt.Errorf("cannot fetch the baseline: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, &statusError{fmt.Sprintf("cannot fetch the baseline %s: %s", u, resp.Status), resp.StatusCode}
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBaseline+1))
	if err == nil && len(data) > maxBaseline {
		err = fmt.Errorf("more than %d MB", maxBaseline>>20)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read the baseline %s: %w", u, err)
	}
	return data, nil
}

// ParseBaseline reads the lines of a urls.txt: one URL path a line (an
// absolute URL counts as its path); blank lines and # comments are skipped.
func ParseBaseline(name string, data []byte) (*Baseline, error) {
	b := &Baseline{Name: name}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		p := line
		if u, err := url.Parse(line); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			p = "/" + strings.TrimPrefix(u.Path, "/")
		}
		if !strings.HasPrefix(p, "/") {
			return nil, diag.Errorf(name, i+1, 1, "%q is not a URL path: a baseline is the urls.txt of a published oops site, one path a line", cut(line, 60))
		}
		b.Paths = append(b.Paths, p)
		b.Lines = append(b.Lines, i+1)
	}
	if len(b.Paths) == 0 {
		// A published site has at least its home page: an empty
		// baseline is one that could not be read as it should.
		return nil, diag.Errorf(name, 1, 1, "the baseline lists no URL: a baseline is the urls.txt of a published oops site, one path a line")
	}
	return b, nil
}

// A statusError is an HTTP answer other than 200 OK.
type statusError struct {
	msg  string
	code int
}

func (e *statusError) Error() string { return e.msg }

func cut(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}
