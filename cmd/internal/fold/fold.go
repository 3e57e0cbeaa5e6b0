// Package fold defines how oops compares text regardless of case and
// accents. Slugs, the words of the search index and the words of a query
// typed on the search page are all folded by the one rule of String: the
// page's script (static/js/search/words.js) applies the same rule, with the
// table of Special written out from this package.
package fold

import (
	"maps"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// special spells letters that do not decompose into a base letter and
// marks. Final sigma is the small sigma: a browser lowercases Σ to ς at
// the end of a word, and to σ elsewhere.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d",
	'ł': "l", 'Ł': "l", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ð': "d",
	'ı': "i", 'ς': "σ",
}

// Special returns a copy of the table of letters String spells out.
func Special() map[rune]string { return maps.Clone(special) }

// String lowercases s and removes its accents: "Café Ørsted" and
// "CAFE ORSTED" both fold to "cafe orsted". It is NFKD (so "ﬁ" is "fi" and
// "Ｋ" is "k"), without nonspacing marks, with the Special letters spelled
// out, lowercased, then NFC. Letters of other scripts stay letters of
// their script.
func String(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		return strings.ToLower(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFKD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if sp, ok := special[r]; ok {
			b.WriteString(sp)
			continue
		}
		r = unicode.ToLower(r)
		if sp, ok := special[r]; ok {
			b.WriteString(sp)
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}
