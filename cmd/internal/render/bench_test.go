package render

import (
	"bytes"
	"html/template"
	"io/fs"
	"os"
	"strings"
	"testing"

	"oops"
	"oops/cmd/internal/site"
)

func BenchmarkStoryPage(b *testing.B) {
	src := os.DirFS(corpus(b))
	s, errs := site.Load(src, site.Options{})
	if errs.Errors() > 0 || len(s.Stories) == 0 {
		b.Skip("no corpus")
	}
	lay, _ := fs.Sub(oops.Defaults, "layouts")
	st, _ := fs.Sub(oops.Defaults, "static")
	tm, err := ParseTemplates(lay)
	if err != nil {
		b.Fatal(err)
	}
	as, _ := LoadAssets(st)
	r := New(s, src, tm, as, Options{})
	var jobs []*Job
	for _, j := range r.Jobs() {
		if len(j.Name) > 8 && j.Name[:8] == "stories/" && j.Name[8:13] != "page/" {
			jobs = append(jobs, j)
		}
	}
	var buf bytes.Buffer
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		buf.Reset()
		if err := jobs[i%len(jobs)].Run(&buf); err != nil {
			b.Fatal(err)
		}
	}
}

// corpus returns the library named by $OOPS_CORPUS (a gen_corpus.py
// output folder), or skips the benchmark.
func corpus(b *testing.B) string {
	dir := os.Getenv("OOPS_CORPUS")
	if dir == "" {
		b.Skip("set OOPS_CORPUS to a generated library to run this benchmark")
	}
	return dir
}

func BenchmarkCard(b *testing.B) {
	r := newRenderer(b, Options{})
	st := r.Site.Stories[0]
	b.Run("card", func(b *testing.B) {
		for b.Loop() {
			var sb strings.Builder
			r.tmpl["stories"].ExecuteTemplate(&sb, "card", st)
		}
	})
}

// BenchmarkAction measures what one html/template action costs, by the
// context it prints into: the unit most of a page's rendering time is
// made of. Each template is the same action a hundred times.
func BenchmarkAction(b *testing.B) {
	data := struct {
		Text, URL string
		N         int
	}{"A lesson learnt", "/stories/a-story/", 3}
	for _, c := range []struct{ name, action string }{
		{"text", "<p>{{.Text}}</p>"},
		{"attr", `<p id="lesson-{{.N}}"></p>`},
		{"href", `<a href="{{.URL}}"></a>`},
		{"fragment", `<a href="#lesson-{{.N}}"></a>`},
		{"none", "<p>text</p>"},
	} {
		b.Run(c.name, func(b *testing.B) {
			t := template.Must(template.New(c.name).Parse(strings.Repeat(c.action, 100)))
			var buf bytes.Buffer
			for b.Loop() {
				buf.Reset()
				if err := t.Execute(&buf, data); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/100, "ns/action")
		})
	}
}
