package sensitive

import (
	"slices"
	"strings"
	"testing"
)

// TestKeywordIndex checks the automaton against a plain search, on text
// where gitleaks's keywords run into one another in mixed case: each
// keyword found where it is, also inside or at the end of another.
func TestKeywordIndex(t *testing.T) {
	rs, err := loadRules()
	if err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(rs.byKeyword))
	for k := range rs.byKeyword {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b strings.Builder
	for i, k := range keys {
		if i%2 == 1 {
			k = strings.ToUpper(k)
		}
		b.WriteString(k + keys[(i*7)%len(keys)] + " ")
	}
	text := []byte(b.String())
	var want []keywordHit
	for i := range text {
		for _, k := range keys {
			if hasPrefixFold(text[i:], k) {
				want = append(want, keywordHit{k, i})
			}
		}
	}
	got := rs.keywords.find(text, nil)
	if !slices.Equal(got, want) {
		t.Errorf("found %d keywords, want %d", len(got), len(want))
		for i := range min(len(got), len(want)) {
			if got[i] != want[i] {
				t.Fatalf("first difference: found %q at %d, want %q at %d", got[i].k, got[i].at, want[i].k, want[i].at)
			}
		}
	}
}
