package story

import (
	"strings"

	"oops/cmd/internal/fold"
)

// maxSlug bounds the length of a slug made from a title.
const maxSlug = 80

// Slugify makes a slug from a title: accents folded, lowercase a-z and 0-9,
// every other run of characters one hyphen, at most 80 characters cut at a
// word. "Café outage — 東京" becomes "cafe-outage". The result may be empty.
func Slugify(title string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range fold.String(title) {
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
