package search_test

import (
	"slices"
	"strings"
	"testing"

	"oops/cmd/internal/fold"
	"oops/cmd/internal/search"
)

func TestWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"Rollback: the rollback's fix", "rollback the rollback s fix"},
		{"on-call at 3:00 (UTC)", "on call at 3 00 utc"},
		{"<script>alert(1)</script>", "script alert 1 script"},
		{"Café—wifi", "cafe wifi"},
		{"naïve coöperation", "naive cooperation"},
		{"東京都 outage", "東 京 都 outage"},
		{"x" + strings.Repeat("y", search.MaxWordRunes) + " short", "short"},
		{strings.Repeat("é", search.MaxWordRunes), strings.Repeat("e", search.MaxWordRunes)},
		{"ab\u00a0cd", "ab cd"},
	}
	for _, tt := range tests {
		got := strings.Join(search.Words(tt.in), " ")
		if got != tt.want {
			t.Errorf("Words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestWordsFoldEachWord checks that a word of Words is its own fold, so a
// query word and an indexed word compare equal.
func TestWordsFoldEachWord(t *testing.T) {
	for _, s := range []string{"Café Über ÅNGSTRÖM", "ǅemal Ǆ", "ΣΟΦΙΑΣ σοφίας", "Ｆｕｌｌ　ｗｉｄｔｈ"} {
		for _, w := range search.Words(s) {
			if f := fold.String(w); f != w {
				t.Errorf("Words(%q) gave %q, whose fold is %q", s, w, f)
			}
			if !slices.Equal(search.Words(w), []string{w}) {
				t.Errorf("Words(%q) gave %q, which splits into %q", s, w, search.Words(w))
			}
		}
	}
}
