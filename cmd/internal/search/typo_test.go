package search

import "testing"

func TestWithin1(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"kubernetes", "kubernetes", true},
		{"kuberntes", "kubernetes", true},   // a letter missing
		{"kubernettes", "kubernetes", true}, // a letter extra
		{"kubarnetes", "kubernetes", true},  // a letter wrong
		{"rollbakc", "rollback", true},      // two letters swapped
		{"orllback", "rollback", true},      // swapped at the start
		{"rollbac", "rollback", true},       // the last letter missing
		{"ollback", "rollback", true},       // the first letter missing
		{"rolbakc", "rollback", false},      // two edits
		{"rollbackss", "rollback", false},
		{"abc", "bca", false},
		{"café", "cafe", true},
		{"", "a", true},
		{"", "ab", false},
	}
	for _, tt := range tests {
		if got := within1([]rune(tt.a), []rune(tt.b)); got != tt.want {
			t.Errorf("within1(%q, %q) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
		if got := within1([]rune(tt.b), []rune(tt.a)); got != tt.want {
			t.Errorf("within1(%q, %q) = %v, want %v", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestPrefixWithin1(t *testing.T) {
	tests := []struct {
		q, word string
		want    bool
	}{
		{"kubern", "kubernetes", true},
		{"kubrn", "kubernetes", true},
		{"kuebrn", "kubernetes", true},
		{"kxbxrn", "kubernetes", false},
		{"kubernetes", "kubernetes", false}, // not longer
	}
	for _, tt := range tests {
		if got := prefixWithin1([]rune(tt.q), []rune(tt.word)); got != tt.want {
			t.Errorf("prefixWithin1(%q, %q) = %v, want %v", tt.q, tt.word, got, tt.want)
		}
	}
}
