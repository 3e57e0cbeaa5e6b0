package search

import "slices"

// within1 reports whether a and b are at most one edit apart: a letter
// changed, left out, added, or two neighbouring letters swapped.
func within1(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if i == len(a) {
		return true // equal, or b has one more letter at the end
	}
	if len(a) < len(b) {
		return slices.Equal(a[i:], b[i+1:])
	}
	if slices.Equal(a[i+1:], b[i+1:]) {
		return true // one letter changed
	}
	return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:])
}

// prefixWithin1 reports whether some prefix of word is at most one edit
// from q, for a word longer than q.
func prefixWithin1(q, word []rune) bool {
	if len(word) <= len(q) {
		return false
	}
	for n := len(q) - 1; n <= len(q)+1; n++ {
		if n >= 1 && n < len(word) && within1(q, word[:n]) {
			return true
		}
	}
	return false
}
