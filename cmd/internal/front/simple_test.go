package front

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// takenCases are the shapes front matter commonly has: the fast path must
// decode each itself, exactly as go-yaml does.
var takenCases = []string{
	"title: Hello\n",
	"title: \"Quoted: yes\"\ndate: 2024-01-02\n",
	"title: 'it''s'\ntags: [a, b-c, \"d e\"]\n",
	"tags: []\nauthors: [ Ana , Ben ]\n",
	"lessons:\n  - one\n  - \"two\"\n  - 'three'\n",
	"lessons:\n- one\n- two\ntitle: x\n",
	"changes:\n  - what: a thing\n    status: done\n  - plain change\n  - what: b\n    status: planned\n    link: https://example.com/x\n",
	"title:\nsummary: ~\ndraft: true\nother: False\n",
	"title: Café — 東京 ünïcode\ntags: [café]\n",
	"# comment\ntitle: x # trailing\n\n\nsummary: \"y\" # c\n",
	"title: \"esc \\\" \\\\ \\n \\t \\u00e9 \\x41\"\n",
	"n: 12\nf: 1.5\nd: 2024-1-2\n",
	"list:\n  - a\n  -  b\n",
	"changes:\n  - what:\n    status: done\n",
	"\n\n",
	// The example of README.md's story format.
	`title: The certificate expired and nobody could log in
date: 2024-03-01            # when it happened, YYYY-MM-DD
summary: A TLS certificate expired on a Sunday; login failed for 70 minutes.
tags: [certificates, on-call]
authors: [Ana Ortiz]
severity: high              # low, medium, high or critical
impact: 70 minutes of failed logins for every user
duration: 70m
lessons:
  - Alert on expiry dates, not on failures.
changes:
  - what: Expiry alerts 30 days ahead
    status: done            # done, in-progress, planned or dropped
    link: https://github.com/example/infra/pull/12
  - Renewals have a named owner   # a plain string means done
related: [dns-records-vanished]
aliases: [/stories/old-cert-story/]
`,
}

// declinedCases are front matters the fast path must leave to go-yaml:
// errors, and shapes beyond it.
var declinedCases = []string{
	"title: x\ntitle: y\n",
	"summary: a\n  continued\n",
	"title: a: b\n",
	"title: |\n  block\n",
	"title: &a x\nother: *a\n",
	"changes:\n  - {what: x, status: done}\n",
	"title: \"bad \\q\"\n",
	"neg: -3\n",
	"key:value\n",
	"tags: [a, , b]\n",
	"tags: [a,b,]\n",
	"lessons:\n  - x\n    y\n",
	"title: x\n  - y\n",
	"title: \"a\" b\n",
	"title: x\t# tab\n",
	"title: 'open\n",
	"tags: [a, [b]]\n",
	"m:\n  sub: 1\n",
	"title: !!str x\n",
	// Hostile: aliases of lists of aliases, and deep nesting.
	"a: &a [x, x, x]\nb: &b [*a, *a, *a]\nc: &c [*b, *b, *b]\ntitle: *c\n",
	"x: " + strings.Repeat("[", 100) + strings.Repeat("]", 100) + "\n",
}

// TestSimpleMatchesYAML checks that the fast path takes the common shapes
// and no others, and that what it takes, it decodes as go-yaml does.
func TestSimpleMatchesYAML(t *testing.T) {
	for _, src := range takenCases {
		if _, ok := parseSimple([]byte(src), 1); !ok {
			t.Errorf("%.200q: the fast path declined a common shape", src)
		}
		checkSimple(t, src)
	}
	for _, src := range declinedCases {
		if _, ok := parseSimple([]byte(src), 1); ok {
			t.Errorf("%.200q: the fast path took what it must leave to go-yaml", src)
		}
		checkSimple(t, src)
	}
}

func checkSimple(t *testing.T, src string) {
	t.Helper()
	got, ok := parseSimple([]byte(src), 1)
	if !ok {
		return
	}
	want, err := decodeFullYAML([]byte(src), 1)
	if err != nil {
		t.Errorf("%.200q: fast path accepted what go-yaml rejects: %v", src, err)
		return
	}
	if g, w := dump(got), dump(want); g != w {
		t.Errorf("%.200q:\nfast:\n%.2000s\ngo-yaml:\n%.2000s", src, g, w)
	}
}

// dump prints a value tree with positions and tags.
func dump(v *Value) string {
	var b strings.Builder
	var walk func(v *Value, indent string)
	walk = func(v *Value, indent string) {
		fmt.Fprintf(&b, "%s%v %s %q @%d:%d\n", indent, v.Kind, v.Tag, v.Text, v.Line, v.Col)
		for _, it := range v.Items {
			walk(it, indent+"  ")
		}
		for _, f := range v.Fields {
			fmt.Fprintf(&b, "%s  key %q @%d:%d\n", indent, f.Key, f.Line, f.Col)
			walk(f.Value, indent+"    ")
		}
	}
	walk(v, "")
	return b.String()
}

func FuzzSimpleMatchesYAML(f *testing.F) {
	for _, c := range append(takenCases, declinedCases...) {
		f.Add(c)
	}
	if files, _ := filepath.Glob(os.Getenv("OOPS_CORPUS") + "/content/stories/0000*.md"); len(files) > 0 {
		for _, name := range files {
			src, _ := os.ReadFile(name)
			if parts := strings.SplitN(string(src), "---\n", 3); len(parts) == 3 {
				f.Add(parts[1])
			}
		}
	}
	f.Fuzz(func(t *testing.T, src string) {
		checkSimple(t, src)
	})
}
