package sensitive

import (
	"regexp/syntax"
	"slices"
	"strings"
	"unicode/utf8"
)

// maxWindow is the widest match looked for around a keyword; a rule whose
// matches can be wider is run on the keyword's paragraph.
const maxWindow = 2000

// shape returns the longest match of the regular expression re in bytes
// (0 when it has no bound, or a bound past maxWindow) and the sets of
// lower-case strings a match must hold one of each of.
func shape(re *syntax.Regexp) (width int, needs [][]string) {
	if w := maxWidth(re); w > 0 && w <= maxWindow {
		width = w
	}
	return width, required(re)
}

// maxWidth returns the longest string re matches, in bytes, or -1 when it
// has no bound.
func maxWidth(re *syntax.Regexp) int {
	switch re.Op {
	case syntax.OpLiteral:
		n := 0
		for _, r := range re.Rune {
			n += max(utf8.RuneLen(r), 1)
			if re.Flags&syntax.FoldCase != 0 && r >= utf8.RuneSelf {
				n += utf8.UTFMax
			}
		}
		return n
	case syntax.OpCharClass:
		if len(re.Rune) > 0 && re.Rune[len(re.Rune)-1] < utf8.RuneSelf {
			return 1
		}
		return utf8.UTFMax
	case syntax.OpAnyCharNotNL, syntax.OpAnyChar:
		return utf8.UTFMax
	case syntax.OpCapture, syntax.OpQuest:
		return maxWidth(re.Sub[0])
	case syntax.OpStar, syntax.OpPlus:
		return -1
	case syntax.OpRepeat:
		w := maxWidth(re.Sub[0])
		if re.Max < 0 || w < 0 {
			return -1
		}
		return w * re.Max
	case syntax.OpConcat:
		sum := 0
		for _, s := range re.Sub {
			w := maxWidth(s)
			if w < 0 {
				return -1
			}
			sum += w
		}
		return sum
	case syntax.OpAlternate:
		most := 0
		for _, s := range re.Sub {
			w := maxWidth(s)
			if w < 0 {
				return -1
			}
			most = max(most, w)
		}
		return most
	}
	return 0 // empty-width assertions and the empty match
}

// required returns sets of lower-case strings such that a match of re
// holds one string of each set: the literals it cannot match without.
func required(re *syntax.Regexp) [][]string {
	switch re.Op {
	case syntax.OpLiteral:
		lit := string(re.Rune)
		if !isASCII(lit) {
			return nil
		}
		return [][]string{{asciiLower(lit)}}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min == 0 {
			return nil
		}
		return required(re.Sub[0])
	case syntax.OpConcat:
		var all [][]string
		for _, s := range re.Sub {
			all = append(all, required(s)...)
		}
		return all
	case syntax.OpAlternate:
		var union []string
		for _, s := range re.Sub {
			sets := required(s)
			if len(sets) == 0 {
				return nil
			}
			union = append(union, longest(sets)...)
		}
		return [][]string{union}
	}
	return nil
}

// longest returns the set whose shortest string is longest: the one a
// search rules out most text with.
func longest(sets [][]string) []string {
	shortest := func(set []string) int {
		n := len(set[0])
		for _, s := range set {
			n = min(n, len(s))
		}
		return n
	}
	return slices.MaxFunc(sets, func(a, b []string) int { return shortest(a) - shortest(b) })
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// asciiLower returns s with ASCII letters in lower case: the same length, so
// offsets in one are offsets in the other.
func asciiLower(s string) string {
	for i := range len(s) {
		if c := s[i]; 'A' <= c && c <= 'Z' {
			b := []byte(s)
			for j := i; j < len(b); j++ {
				if c := b[j]; 'A' <= c && c <= 'Z' {
					b[j] = c + 'a' - 'A'
				}
			}
			return string(b)
		}
	}
	return s
}

// assignment is how gitleaks's rules for a keyword assigned a value write the
// assignment, between the keyword and the value.
const assignment = `(?:=|>|:{1,3}=|\|\||:|=>|\?=|,)`

// assignedWindow returns the window in which a rule for a keyword assigned
// a value can match around a keyword at text[start:end], and false when no
// value may be assigned there. Such a rule needs, before the keyword, up to
// a hundred characters of a name; after it, up to 20 characters of a name,
// up to three spaces or quotes, an assignment, up to five quotes or spaces,
// then eight or more characters of a value.
func assignedWindow(text []byte, start, end int) (window, bool) {
	name := func(c byte) bool { return c == '.' || c == '-' || isWord(c) }
	i := skip(text, end, 20, func(c byte) bool { return c == ' ' || c == '\t' || name(c) })
	i = skip(text, i, 3, func(c byte) bool { return isSpace(c) || c == '\'' || c == '"' || c == '\f' || c == '\v' })
	if i >= len(text) || strings.IndexByte("=>:|,?", text[i]) < 0 {
		return window{}, false
	}
	i = skip(text, i, 3, func(c byte) bool { return strings.IndexByte("=>:|?", c) >= 0 })
	i = skip(text, i, 5, func(c byte) bool { return isSpace(c) || strings.IndexByte("`'\"=\f\v", c) >= 0 })
	value := func(c byte) bool { return isWord(c) || strings.IndexByte(".=+/:%-", c) >= 0 }
	j := skip(text, i, len(text), value)
	if j-i < 8 {
		return window{}, false
	}
	s := start
	for n := 0; s > 0 && n < 100 && name(text[s-1]); n++ {
		s--
	}
	return window{max(0, s-1), min(len(text), j+3)}, true
}

func isWord(c byte) bool { return isDigit(c) || c == '_' || 'a' <= c|0x20 && c|0x20 <= 'z' }

// skip returns i advanced over at most n bytes that ok accepts.
func skip(text []byte, i, n int, ok func(byte) bool) int {
	for ; n > 0 && i < len(text) && ok(text[i]); n-- {
		i++
	}
	return i
}
