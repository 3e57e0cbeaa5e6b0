// Package sensitive reports secrets and personal data in a story's source,
// positioned and masked.
//
// Scan reads a file's bytes once, front matter, prose and code alike, and
// returns each finding with its 1-based line and column (in characters) in
// that file, the rule that found it and the finding masked: the value itself
// never leaves the package.
//
// Secrets are found with gitleaks v8's maintained rule set, loaded from its
// default configuration, with its keyword pre-filter and entropy limits, and
// with a rule of this package for credentials in a URL (user:password@host),
// which that set leaves out. Personal data is found by this package: email
// addresses outside the reserved example domains (RFC 2606 and 6761), phone
// numbers in international and common national forms, payment card numbers
// that pass the Luhn check, and the library's own sensitive terms.
//
// An allow list silences a finding whose value is one of its entries, or an
// email address at one of its domains. Sensitive terms cannot be allowed.
package sensitive

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// A Kind tells what a finding is, and so how seriously to take it.
type Kind int

const (
	Secret   Kind = iota // a credential: never to be published
	Personal             // personal data: an email address, phone or card number
	Term                 // one of the library's sensitive terms
)

func (k Kind) String() string {
	switch k {
	case Secret:
		return "secret"
	case Personal:
		return "personal data"
	}
	return "sensitive term"
}

// A Finding is one secret or personal datum at one place in a file.
type Finding struct {
	Kind      Kind
	Rule      string // gitleaks's rule id, or email, phone, payment-card, url-credentials, sensitive-term
	Line, Col int    // 1-based; Col counts characters
	Masked    string // the finding's first characters and "…": never the whole value

	start, end int // the value's byte offsets in the source, for Redact
}

// Message says what was found, masked, and what to do about it.
func (f Finding) Message() string {
	switch f.Kind {
	case Secret:
		return fmt.Sprintf("secret (%s) %q: remove it and revoke it; it must not be published", f.Rule, f.Masked)
	case Term:
		return fmt.Sprintf("sensitive term %q: listed under sensitive in content/_index.md; it must not be published", f.Masked)
	}
	return fmt.Sprintf("personal data (%s) %q: remove it, or add it to allow in content/_index.md if it is meant to be public", f.Rule, f.Masked)
}

// A Scanner holds a library's sensitive terms and allow list.
// Its zero value scans with neither; it is safe for concurrent use.
type Scanner struct {
	terms *termSet
	allow allowList
}

// New returns a scanner that also reports terms (matched whole-word, ignoring
// case) and silences findings whose value, or whose email domain, is in allow.
func New(terms, allow []string) *Scanner {
	return &Scanner{terms: newTermSet(terms), allow: newAllowList(allow)}
}

// A hit is a finding before it is positioned and masked.
type hit struct {
	kind       Kind
	rule       string
	start, end int // byte offsets of the value in the source
}

// Scan returns the findings in src, in the order they appear.
func (s *Scanner) Scan(src []byte) []Finding {
	hits := secrets(src)
	hits = append(hits, personal(src, hits)...)
	if s != nil {
		hits = append(hits, s.terms.find(src)...)
	}
	var out []Finding
	for _, h := range hits {
		value := string(src[h.start:h.end])
		if s != nil && h.kind != Term && s.allow.allows(h.rule, value) {
			continue
		}
		line, col := position(src, h.start)
		out = append(out, Finding{Kind: h.kind, Rule: h.rule, Line: line, Col: col, Masked: Mask(value), start: h.start, end: h.end})
	}
	slices.SortFunc(out, func(a, b Finding) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col), strings.Compare(a.Rule, b.Rule))
	})
	return slices.Compact(out)
}

// Redact returns src with the value of each finding, as Scan found them in
// src, replaced by its masked form.
func Redact(src []byte, found []Finding) []byte {
	found = slices.Clone(found)
	slices.SortFunc(found, func(a, b Finding) int { return cmp.Compare(a.start, b.start) })
	var out []byte
	last := 0
	for _, f := range found {
		if f.start < last || f.end > len(src) {
			continue // overlaps one already masked
		}
		out = append(append(out, src[last:f.start]...), f.Masked...)
		last = f.end
	}
	return append(out, src[last:]...)
}

// position returns the 1-based line and column (in characters) of byte offset off.
func position(src []byte, off int) (line, col int) {
	start := bytes.LastIndexByte(src[:off], '\n') + 1
	return bytes.Count(src[:off], []byte("\n")) + 1, utf8.RuneCount(src[start:off]) + 1
}

// Mask returns the first characters of value, at most a quarter of it and
// never more than four, followed by "…".
func Mask(value string) string {
	n := min(4, utf8.RuneCountInString(value)/4)
	var b strings.Builder
	for _, r := range value {
		if n == 0 {
			break
		}
		b.WriteRune(r)
		n--
	}
	b.WriteString("…")
	return b.String()
}
