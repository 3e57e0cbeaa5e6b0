package sensitive

import (
	"bytes"
	"regexp/syntax"
	"strings"
	"unicode/utf8"
)

// A probe tells cheaply whether a rule can match where one of its keywords
// was found: what follows the keyword in each place the rule's regular
// expression holds it, up to the first part of variable length.
type probe struct {
	seqs [][]*syntax.Regexp // what may follow the keyword, one list per place
}

// newProbe returns the probe of keyword kw (lower case) in re, or nil when
// re does not hold kw as a literal: then every place may match.
func newProbe(re *syntax.Regexp, kw string) *probe {
	var seqs [][]*syntax.Regexp
	var walk func(re *syntax.Regexp, rest []*syntax.Regexp)
	walk = func(re *syntax.Regexp, rest []*syntax.Regexp) {
		switch re.Op {
		case syntax.OpLiteral:
			lit := string(re.Rune)
			low := asciiLower(lit)
			for i := 0; ; {
				j := strings.Index(low[i:], kw)
				if j < 0 || !isASCII(lit) {
					return
				}
				tail := &syntax.Regexp{Op: syntax.OpLiteral, Flags: re.Flags, Rune: []rune(lit[i+j:])}
				i += j + len(kw)
				seqs = append(seqs, append([]*syntax.Regexp{tail}, rest...))
			}
		case syntax.OpCapture:
			walk(re.Sub[0], rest)
		case syntax.OpAlternate:
			for _, s := range re.Sub {
				walk(s, rest)
			}
		case syntax.OpConcat:
			for i, s := range re.Sub {
				walk(s, append(append([]*syntax.Regexp{}, re.Sub[i+1:]...), rest...))
			}
		}
	}
	walk(re, nil)
	if len(seqs) == 0 {
		return nil
	}
	return &probe{seqs}
}

// at reports whether a match may go on from a keyword found at offset i of
// text. A nil probe says yes.
func (p *probe) at(text []byte, i int) bool {
	if p == nil {
		return true
	}
	for _, seq := range p.seqs {
		if follows(text, i, seq) {
			return true
		}
	}
	return false
}

// follows reports whether text at i can start a match of seq, checking its
// literals and character classes up to the first part of variable length.
func follows(text []byte, i int, seq []*syntax.Regexp) bool {
	for len(seq) > 0 {
		re := seq[0]
		seq = seq[1:]
		switch re.Op {
		case syntax.OpConcat:
			seq = append(append([]*syntax.Regexp{}, re.Sub...), seq...)
		case syntax.OpLiteral:
			lit := string(re.Rune)
			ok := bytes.HasPrefix(text[i:], []byte(lit))
			if re.Flags&syntax.FoldCase != 0 {
				ok = hasPrefixFold(text[i:], asciiLower(lit))
			}
			if !ok {
				return false
			}
			i += len(lit)
		case syntax.OpCharClass:
			if !inClass(text, i, re) {
				return false
			}
			_, n := utf8.DecodeRune(text[i:])
			i += n
		case syntax.OpRepeat, syntax.OpPlus:
			sub := re.Sub[0]
			if sub.Op != syntax.OpCharClass || re.Op == syntax.OpRepeat && re.Min == 0 {
				return true
			}
			for range max(re.Min, 1) {
				if !inClass(text, i, sub) {
					return false
				}
				_, n := utf8.DecodeRune(text[i:])
				i += n
			}
			return true
		default:
			return true
		}
	}
	return true
}

// inClass reports whether the character at offset i of text is in the class.
func inClass(text []byte, i int, class *syntax.Regexp) bool {
	if i >= len(text) {
		return false
	}
	r, _ := utf8.DecodeRune(text[i:])
	for j := 0; j+1 < len(class.Rune); j += 2 {
		if class.Rune[j] <= r && r <= class.Rune[j+1] {
			return true
		}
	}
	return false
}
