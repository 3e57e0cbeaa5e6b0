package browsertest_test

import (
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"oops/cmd/internal/browsertest"
)

func TestWatch(t *testing.T) {
	ctx := browsertest.Start(t)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		switch r.URL.Path {
		case "/app.js":
			w.Header().Set("Content-Type", "text/javascript")
			w.Write([]byte(`console.error("broken"); alert("hi"); document.body.dataset.done = "1";`))
		default:
			w.Header().Set("Content-Security-Policy", "script-src 'self'")
			w.Write([]byte(`<!doctype html><body><script>document.title = "inline ran"</script><script src="/app.js"></script></body>`))
		}
	}))
	defer srv.Close()
	l, err := browsertest.Watch(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(srv.URL)); err != nil {
		t.Fatal(err)
	}
	if err := browsertest.Wait(ctx, `document.body.dataset.done === "1"`, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil || title == "inline ran" {
		t.Errorf("title %q, %v: the policy let an inline script run", title, err)
	}
	if d := l.Dialogs(); !slices.Equal(d, []string{"alert: hi"}) {
		t.Errorf("dialogs %q", d)
	}
	errs := strings.Join(l.Errors(), "\n")
	if !strings.Contains(errs, "broken") || !strings.Contains(errs, "Content Security Policy") {
		t.Errorf("errors:\n%s\nwant the console error and the policy violation", errs)
	}
}
