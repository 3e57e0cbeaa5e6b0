package sensitive

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// An allowList holds the values and email domains a library accepts.
type allowList struct {
	values  map[string]bool // lower-cased
	domains []string        // lower-cased, without a leading "@"
}

func newAllowList(entries []string) allowList {
	a := allowList{values: map[string]bool{}}
	for _, e := range entries {
		e = strings.ToLower(strings.TrimSpace(e))
		if e == "" {
			continue
		}
		a.values[e] = true
		if d, ok := strings.CutPrefix(e, "@"); ok || !strings.Contains(e, "@") && isHostname([]byte(e)) {
			a.domains = append(a.domains, d)
		}
	}
	return a
}

// allows reports whether value, found by rule, is accepted: it is an entry
// itself, or an email address at an entry's domain or below it.
func (a allowList) allows(rule, value string) bool {
	v := strings.ToLower(value)
	if a.values[v] {
		return true
	}
	if rule != "email" {
		return false
	}
	domain := v[strings.LastIndexByte(v, '@')+1:]
	for _, d := range a.domains {
		if domain == d || strings.HasSuffix(domain, "."+d) {
			return true
		}
	}
	return false
}

// A termSet finds a library's sensitive terms, whole-word, ignoring case,
// with any spacing (a line break too) between a term's words.
type termSet struct {
	re *regexp.Regexp // nil when there are no terms
}

func newTermSet(terms []string) *termSet {
	var quoted []string
	for _, t := range terms {
		var words []string
		for _, w := range strings.Fields(t) {
			words = append(words, regexp.QuoteMeta(w))
		}
		if len(words) > 0 {
			quoted = append(quoted, strings.Join(words, `\s+`))
		}
	}
	if len(quoted) == 0 {
		return &termSet{}
	}
	return &termSet{regexp.MustCompile(`(?i)` + strings.Join(quoted, "|"))}
}

func (t *termSet) find(text []byte) []hit {
	if t == nil || t.re == nil {
		return nil
	}
	var hits []hit
	for _, m := range t.re.FindAllIndex(text, -1) {
		before, _ := utf8.DecodeLastRune(text[:m[0]])
		after, _ := utf8.DecodeRune(text[m[1]:])
		if isWordRune(before) || isWordRune(after) {
			continue
		}
		hits = append(hits, hit{Term, "sensitive-term", m[0], m[1]})
	}
	return hits
}

func isWordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_')
}
