package story

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// special spells letters that do not decompose into a base letter and marks.
var special = map[rune]string{
	'ß': "ss", 'æ': "ae", 'Æ': "ae", 'ø': "o", 'Ø': "o", 'đ': "d", 'Đ': "d",
	'ł': "l", 'Ł': "l", 'œ': "oe", 'Œ': "oe", 'þ': "th", 'Þ': "th", 'ð': "d", 'ı': "i",
}

// Fold lowercases s and removes accents: "Café Ørsted" becomes "cafe orsted".
// Letters of other scripts are kept as they are.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		if sp, ok := special[r]; ok {
			b.WriteString(sp)
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return norm.NFC.String(b.String())
}

// maxSlug bounds the length of a slug made from a title.
const maxSlug = 80

// Slugify makes a slug from a title: accents folded, lowercase a-z and 0-9,
// every other run of characters one hyphen, at most 80 characters cut at a
// word. "Café outage — 東京" becomes "cafe-outage". The result may be empty.
func Slugify(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range Fold(title) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
			continue
		}
		hyphen = true
	}
	s := b.String()
	if len(s) > maxSlug {
		s = s[:maxSlug]
		if i := strings.LastIndexByte(s, '-'); i > 0 {
			s = s[:i]
		}
	}
	return s
}
