package sensitive

import (
	"cmp"
	"slices"
	"strings"
)

// A keywordIndex finds gitleaks's keywords in text, ignoring ASCII case, in
// one pass: an Aho–Corasick automaton over the keywords' bytes, made a
// table of transitions so that each byte of the text costs one look.
type keywordIndex struct {
	class [256]byte  // a byte's column in next: 0 for bytes in no keyword; A–Z as a–z
	width int        // the columns of a state's row
	next  []uint32   // a state's row offset and column to the next state's row offset, with hasOut
	out   [][]string // by state: the keywords that end there
}

// hasOut marks, in next, a state where keywords end.
const hasOut = 1 << 31

func newKeywordIndex(byKeyword map[string][]*rule) keywordIndex {
	var ki keywordIndex
	keys := make([]string, 0, len(byKeyword))
	for k := range byKeyword {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	ki.width = 1
	for _, k := range keys {
		for i := range len(k) {
			if ki.class[k[i]] == 0 {
				ki.class[k[i]] = byte(ki.width)
				ki.width++
			}
		}
	}
	for c := 'A'; c <= 'Z'; c++ {
		ki.class[c] = ki.class[c+'a'-'A']
	}
	// The trie: goto[state][column], 0 for none (the start state is never a target).
	gotos := [][]int{make([]int, ki.width)}
	ki.out = [][]string{nil}
	for _, k := range keys {
		s := 0
		for i := range len(k) {
			c := ki.class[k[i]]
			if gotos[s][c] == 0 {
				gotos = append(gotos, make([]int, ki.width))
				ki.out = append(ki.out, nil)
				gotos[s][c] = len(gotos) - 1
			}
			s = gotos[s][c]
		}
		ki.out[s] = append(ki.out[s], k)
	}
	ki.link(gotos)
	return ki
}

// link completes the trie into the automaton's table, breadth first: a
// missing transition follows the longest proper suffix that is in the trie,
// and a state's keywords include those of that suffix.
func (ki *keywordIndex) link(gotos [][]int) {
	delta := make([][]int, len(gotos))
	fail := make([]int, len(gotos))
	delta[0] = gotos[0]
	queue := []int{}
	for _, t := range gotos[0] {
		if t != 0 {
			queue = append(queue, t)
		}
	}
	for len(queue) > 0 {
		s := queue[0]
		queue = queue[1:]
		f := fail[s]
		ki.out[s] = append(ki.out[s], ki.out[f]...)
		delta[s] = make([]int, ki.width)
		for c, t := range gotos[s] {
			if t == 0 {
				delta[s][c] = delta[f][c]
				continue
			}
			delta[s][c] = t
			fail[t] = delta[f][c]
			queue = append(queue, t)
		}
	}
	ki.next = make([]uint32, len(delta)*ki.width)
	for s, row := range delta {
		for c, t := range row {
			v := uint32(t * ki.width)
			if len(ki.out[t]) > 0 {
				v |= hasOut
			}
			ki.next[s*ki.width+c] = v
		}
	}
}

// A keywordHit is a keyword found at an offset.
type keywordHit struct {
	k  string
	at int
}

// find appends the keywords found in text, by offset and then keyword, to hits.
func (ki *keywordIndex) find(text []byte, hits []keywordHit) []keywordHit {
	n := len(hits)
	next, class, width := ki.next, &ki.class, uint32(ki.width)
	s := uint32(0)
	for i := range len(text) {
		s = next[s+uint32(class[text[i]])]
		if s&hasOut != 0 {
			s &^= hasOut
			for _, k := range ki.out[s/width] {
				hits = append(hits, keywordHit{k, i + 1 - len(k)})
			}
		}
	}
	slices.SortFunc(hits[n:], func(a, b keywordHit) int {
		return cmp.Or(cmp.Compare(a.at, b.at), strings.Compare(a.k, b.k))
	})
	return hits
}

// hasPrefixFold reports whether s begins with prefix (in lower case),
// ignoring ASCII case.
func hasPrefixFold(s []byte, prefix string) bool {
	if len(s) < len(prefix) {
		return false
	}
	for i := range len(prefix) {
		if lowerByte(s[i]) != prefix[i] {
			return false
		}
	}
	return true
}

// containsFold reports whether s holds sub (in lower case), ignoring ASCII case.
func containsFold(s []byte, sub string) bool {
	if sub == "" {
		return true
	}
	first := sub[0]
	for i := 0; i+len(sub) <= len(s); i++ {
		if lowerByte(s[i]) == first && hasPrefixFold(s[i:], sub) {
			return true
		}
	}
	return false
}

func lowerByte(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}
