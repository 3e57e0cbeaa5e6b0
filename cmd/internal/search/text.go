package search

import (
	"unicode"
	"unicode/utf8"

	"oops/cmd/internal/fold"
)

// MaxWordRunes bounds the length of an indexed word; longer runs of
// letters (hashes, encoded data) are not words anyone types.
const MaxWordRunes = 32

// Words returns the words of s as the index sees them: folded runs of
// letters, digits and spacing marks, each Han, Hiragana or Katakana
// character a word of its own, words longer than MaxWordRunes left out.
func Words(s string) []string {
	var out []string
	var t tokenizer
	t.scan([]byte(s), func(w []byte) { out = append(out, string(w)) })
	return out
}

// A tokenizer splits text into folded words, reusing its buffer.
type tokenizer struct {
	word []byte // the word being read, folded
	runs int    // its length in runes
}

// Classes of bytes for the scanner.
const (
	classSep   = 0
	classLower = 1 // a-z and 0-9
	classUpper = 2 // A-Z
	classHigh  = 4 // a byte of a non-ASCII character
)

var byteClass = func() (c [256]uint8) {
	for b := range c {
		switch {
		case 'a' <= b && b <= 'z' || '0' <= b && b <= '9':
			c[b] = classLower
		case 'A' <= b && b <= 'Z':
			c[b] = classUpper
		case b >= utf8.RuneSelf:
			c[b] = classHigh
		}
	}
	return c
}()

// nextRun finds the first run of text at or after i that holds no
// separator, text[lo:hi], and the union of its bytes' classes. At the end
// of text, lo == hi == len(text).
func nextRun(text []byte, i int) (lo, hi int, class uint8) {
	for i < len(text) && byteClass[text[i]] == classSep {
		i++
	}
	j := i
	for ; j < len(text); j++ {
		k := byteClass[text[j]]
		if k == classSep {
			break
		}
		class |= k
	}
	return i, j, class
}

// scan calls fn with each word of text. The slice passed to fn is only
// valid during the call.
func (t *tokenizer) scan(text []byte, fn func([]byte)) {
	for i := 0; i < len(text); {
		lo, j, class := nextRun(text, i)
		if lo == j {
			return
		}
		run := text[lo:j]
		switch {
		case class == classLower:
			if len(run) <= MaxWordRunes {
				fn(run)
			}
		case class&classHigh == 0:
			if len(run) <= MaxWordRunes {
				t.word = t.word[:0]
				for _, c := range run {
					if byteClass[c] == classUpper {
						c += 'a' - 'A'
					}
					t.word = append(t.word, c)
				}
				fn(t.word)
			}
		default:
			t.slow(string(run), fn)
		}
		i = j
	}
}

// slow folds a run of text with non-ASCII letters and adds its words.
func (t *tokenizer) slow(s string, fn func([]byte)) {
	t.reset()
	for _, r := range fold.String(s) {
		switch {
		case isIdeograph(r):
			t.end(fn)
			t.addRune(r)
			t.end(fn)
		case isWordRune(r):
			t.addRune(r)
		default:
			t.end(fn)
		}
	}
	t.end(fn)
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return byteClass[r] != classSep
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) || unicode.Is(unicode.Mc, r)
}

func isIdeograph(r rune) bool {
	return r >= 0x3040 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r))
}

func (t *tokenizer) addRune(r rune) {
	t.word = utf8.AppendRune(t.word, r)
	t.runs++
}

func (t *tokenizer) end(fn func([]byte)) {
	if t.runs > 0 && t.runs <= MaxWordRunes {
		fn(t.word)
	}
	t.reset()
}

func (t *tokenizer) reset() {
	t.word = t.word[:0]
	t.runs = 0
}
