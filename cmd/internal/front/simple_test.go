package front

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// simpleCases are front matters the fast path must decode exactly as
// go-yaml does, or leave to go-yaml.
var simpleCases = []string{
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
	"title: x\ntitle: y\n",
	"summary: a\n  continued\n",
	"title: a: b\n",
	"title: |\n  block\n",
	"title: &a x\nother: *a\n",
	"changes:\n  - {what: x, status: done}\n",
	"title: \"esc \\\" \\\\ \\n \\t \\u00e9 \\x41\"\n",
	"title: \"bad \\q\"\n",
	"list:\n  - a\n  -  b\n",
	"n: 12\nf: 1.5\nd: 2024-1-2\nneg: -3\n",
	"key:value\n",
	"tags: [a, , b]\n",
	"tags: [a,b,]\n",
	"lessons:\n  - x\n    y\n",
	"changes:\n  - what:\n    status: done\n",
	"title: x\n  - y\n",
	"\n\n",
	"title: \"a\" b\n",
	"title: x\t# tab\n",
	"title: 'open\n",
	"tags: [a, [b]]\n",
	"m:\n  sub: 1\n",
}

func TestSimpleMatchesYAML(t *testing.T) {
	for _, src := range simpleCases {
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

// dump prints a value tree with positions; scalar types are compared
// where front matter relies on them (null and bool).
func dump(v *Value) string {
	var b strings.Builder
	var walk func(v *Value, indent string)
	walk = func(v *Value, indent string) {
		tag := ""
		if v.Tag == "bool" || v.Kind == Null {
			tag = v.Tag
		}
		fmt.Fprintf(&b, "%s%v %s %q @%d:%d\n", indent, v.Kind, tag, v.Text, v.Line, v.Col)
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
	for _, c := range simpleCases {
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
