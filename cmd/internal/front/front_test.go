package front

import (
	"fmt"
	"strings"
	"testing"
)

func TestBody(t *testing.T) {
	for _, tc := range []struct {
		src, body string
		line      int
	}{
		{"---\ntitle: x\n---\n", "", 4},
		{"---\ntitle: x\n---", "", 3},
		{"---\ntitle: x\n---\nBody\n", "Body\n", 4},
		{"\ufeff---\r\ntitle: x\r\n---\r\nBody\r\n", "Body\n", 4},
		{"\n\n+++\ntitle = 'x'\n+++\n\nBody", "\nBody", 6},
	} {
		body, line, err := Body([]byte(tc.src))
		if err != nil || string(body) != tc.body || line != tc.line {
			t.Errorf("Body(%q) = %q, %d, %v; want %q, %d", tc.src, body, line, err, tc.body, tc.line)
		}
		f, err := Parse([]byte(tc.src))
		if err != nil || string(f.Body) != tc.body || f.BodyLine != tc.line {
			t.Errorf("Parse(%q) body = %+v, %v; want %q at line %d", tc.src, f, err, tc.body, tc.line)
		}
	}
	if _, _, err := Body([]byte("---\ntitle: x\n")); err == nil {
		t.Error("Body of an unclosed block: no error")
	}
}

// TestLimits: front matter that would take exponential time or memory to
// decode is refused, at the place that goes over the limit.
func TestLimits(t *testing.T) {
	aliases := "---\na0: &a0 [x, x, x, x, x, x, x, x, x]\n"
	for i := 1; i <= 7; i++ {
		aliases += fmt.Sprintf("a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 9), ", "))
	}
	aliases += "title: *a7\n---\n"
	deep := func(open, close string, n int) string {
		return strings.Repeat(open, n) + "1" + strings.Repeat(close, n)
	}
	for _, tc := range []struct{ src, want string }{
		{aliases, "5:10: invalid YAML front matter: aliases here copy more than 1000 values (aliases of lists of aliases?); write the values out"},
		{"---\nx: " + deep("[", "]", 10000) + "\n---\n", "2:68: invalid YAML front matter: lists and maps nested more than 64 deep"},
		{"---\nx: " + deep("{a: ", "}", 100) + "\n---\n", "2:260: invalid YAML front matter: lists and maps nested more than 64 deep"},
		{"+++\nx = " + deep("{a=", "}", 10000) + "\n+++\n", "2:197: invalid TOML front matter: lists, tables or dotted keys nested more than 64 deep"},
		{"+++\nx = " + deep("[", "]", 100000) + "\n+++\n", "2:69: invalid TOML front matter: lists, tables or dotted keys nested more than 64 deep"},
		{"+++\n" + strings.Repeat("a.", 10000) + "b = 1\n+++\n", "2:130: invalid TOML front matter: lists, tables or dotted keys nested more than 64 deep"},
		{"+++\n[" + strings.Repeat("a.", 10000) + "b]\n+++\n", "2:129: invalid TOML front matter: lists, tables or dotted keys nested more than 64 deep"},
		// 17 bytes of front matter, then lines of 11 bytes from line 4.
		{"---\ntitle: x\n---\n" + strings.Repeat("0123456789\n", 95400), "95327:7: the file is 1049417 bytes: a file of content may be at most 1048576 (1 MiB), which it passes here"},
	} {
		_, err := Parse([]byte(tc.src))
		if err == nil || err.Error() != tc.want {
			t.Errorf("%.60q...: %v\nwant %s", tc.src, err, tc.want)
		}
	}
}

// TestWithinLimits: what real front matter holds stays clear of the limits.
func TestWithinLimits(t *testing.T) {
	for _, src := range []string{
		"---\nauthor: &ana Ana Ortiz\nreviewer: *ana\nl: &l [a, b, c]\nm: [*l, *l]\nx: " + strings.Repeat("[", 64) + strings.Repeat("]", 64) + "\n---\n",
		"+++\ntitle = \"[[[{{{ # not a comment\"\nv = 1.5\nw = [1.5, 2.5, 3.5]\n'a.b'.c.d = '''[[[\n{{{'''\nx = " + strings.Repeat("[", 64) + strings.Repeat("]", 64) + "\n" +
			"[[changes]]\nwhat = 'x'\n[a.b.c]\nd = 1 # [[[[\n+++\n",
	} {
		if _, err := Parse([]byte(src)); err != nil {
			t.Errorf("%q: %v", src, err)
		}
	}
}
