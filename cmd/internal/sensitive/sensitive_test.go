package sensitive

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/scan")

// TestScan runs the cases in testdata/scan: each is a txtar archive of a
// story.md, optional sensitive and allow lists (one entry a line), and the
// findings it must report, one a line as "line:col: kind (rule) masked".
func TestScan(t *testing.T) {
	files, err := filepath.Glob("testdata/scan/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatal("no cases in testdata/scan", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".txt"), func(t *testing.T) {
			ar, err := txtar.ParseFile(file)
			if err != nil {
				t.Fatal(err)
			}
			sections := map[string]*txtar.File{}
			for i := range ar.Files {
				sections[ar.Files[i].Name] = &ar.Files[i]
			}
			s := New(lines(sections["sensitive"]), lines(sections["allow"]))
			src := sections["story.md"].Data
			var got strings.Builder
			for _, f := range s.Scan(src) {
				fmt.Fprintf(&got, "%d:%d: %s (%s) %s\n", f.Line, f.Col, f.Kind, f.Rule, f.Masked)
			}
			want := sections["want"]
			if *update {
				want.Data = []byte(got.String())
				if err := os.WriteFile(file, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if got.String() != string(want.Data) {
				t.Errorf("findings:\n%s\nwant:\n%s", got.String(), want.Data)
			}
		})
	}
}

func lines(f *txtar.File) []string {
	if f == nil {
		return nil
	}
	return strings.Split(strings.TrimSpace(string(f.Data)), "\n")
}

// TestMasked checks that no message holds the whole value it reports, and
// that each names the rule and shows the value's first characters.
func TestMasked(t *testing.T) {
	values := map[string]string{
		"AKIAZ7Q4MUXNBWEPSRT6":                     "aws-access-token",
		"jordan.reyes@globexmail.com":              "email",
		"+44 20 7946 0958":                         "phone",
		"4111 1111 1111 1111":                      "payment-card",
		"ghp_8kqT3vW9xZp2LmN4bR7cY6dF1gH5jK0sQ2wE": "github-pat",
		"Globex": "sensitive-term",
	}
	for value, rule := range values {
		src := []byte("---\ntitle: t\n---\nWe saw " + value + " in the log.\n")
		found := New([]string{"Globex"}, nil).Scan(src)
		if len(found) != 1 {
			t.Errorf("%s: %d findings, want 1: %v", value, len(found), found)
			continue
		}
		f := found[0]
		msg := f.Message()
		if strings.Contains(msg, value) || f.Rule != rule || !strings.Contains(msg, rule) && f.Kind != Term {
			t.Errorf("%s: rule %s, message %q: want rule %s, named, and the value masked", value, f.Rule, msg, rule)
		}
		if !strings.HasSuffix(f.Masked, "…") || !strings.HasPrefix(value, strings.TrimSuffix(f.Masked, "…")) {
			t.Errorf("%s: masked as %q, want its first characters and …", value, f.Masked)
		}
		if f.Line != 4 || f.Col != 8 {
			t.Errorf("%s: at %d:%d, want 4:8", value, f.Line, f.Col)
		}
	}
}

// FuzzScan checks that any text scans without a panic, and that every
// finding lies in the text and is masked.
func FuzzScan(f *testing.F) {
	for _, seed := range []string{"+1", "0", "(", "+44 20 7946 0958", "a@b.co", "4111 1111 1111 1111", "token = \"Xq9vLm2pRt7zKw4Jh\"", "s.", "sk"} {
		f.Add(seed)
	}
	s := New([]string{"Globex"}, []string{"acme.com"})
	f.Fuzz(func(t *testing.T, text string) {
		lines := strings.Count(text, "\n") + 1
		for _, fd := range s.Scan([]byte(text)) {
			if fd.Line < 1 || fd.Line > lines || fd.Col < 1 || !strings.HasSuffix(fd.Masked, "…") {
				t.Errorf("finding %+v in %q", fd, text)
			}
		}
	})
}

// TestRedact checks that a redacted source keeps its lines but none of the
// values found in it.
func TestRedact(t *testing.T) {
	src, err := os.ReadFile("testdata/scan/secrets.txt")
	if err != nil {
		t.Fatal(err)
	}
	src = txtar.Parse(src).Files[0].Data
	found := New(nil, nil).Scan(src)
	out := string(Redact(src, found))
	for _, value := range []string{"AKIAZ7Q4MUXNBWEPSRT6", "ghp_8kqT3vW9xZp2", "Hunter2Correct", "MIIEowIBAAKCAQEA", "Xq9vLm2pRt7zKw4Jh"} {
		if strings.Contains(out, value) {
			t.Errorf("redacted source holds %s", value)
		}
	}
	if !strings.Contains(out, "The token AKIA… in a title") || !strings.Contains(out, "\n## What happened\n") {
		t.Errorf("redacted source lost its text:\n%s", out)
	}
}
