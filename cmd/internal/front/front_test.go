package front

import "testing"

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
