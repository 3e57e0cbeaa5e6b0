package search

import (
	"cmp"
	"slices"
	"sync"
)

// A Term is one of the words a document says most, for finding the
// documents that say the same: the word's hash (two words that share
// one count as one, which is harmless there) and its weighted count.
type Term struct {
	Hash   uint32
	Weight float32
}

// MaxTerms is how many terms Terms keeps of a document.
const MaxTerms = 64

// Terms returns the words of d that it says most, with their weighted
// counts, the way the index counts them (title and tags weighing most,
// then the summary, lessons and the rest, the body least), with the
// commonest words of English left out: at most MaxTerms, the heaviest,
// in the order of their hashes. body, if not nil, is the body as written,
// counted as the body.
func Terms(d *Doc, body []byte) []Term {
	tc := termPool.Get().(*termCounter)
	defer termPool.Put(tc)
	clear(tc.n)
	tc.text(d.Title, weightTitle)
	for _, t := range d.Tags {
		tc.text(t, weightTags)
	}
	tc.text(d.Summary, weightSummary)
	for _, l := range d.Lessons {
		tc.text(l, weightLessons)
	}
	for _, c := range d.Changes {
		tc.text(c, weightChanges)
	}
	tc.text(d.Impact, weightImpact)
	tc.tok.scan(body, tc.add(weightBody))
	out := make([]Term, 0, len(tc.n))
	for h, w := range tc.n {
		out = append(out, Term{h, w})
	}
	if len(out) > MaxTerms {
		slices.SortFunc(out, func(a, b Term) int { return cmp.Or(cmp.Compare(b.Weight, a.Weight), cmp.Compare(a.Hash, b.Hash)) })
		out = out[:MaxTerms]
	}
	slices.SortFunc(out, func(a, b Term) int { return cmp.Compare(a.Hash, b.Hash) })
	return out
}

type termCounter struct {
	tok  tokenizer
	n    map[uint32]float32
	adds [weightTitle + 1]func([]byte)
}

var termPool = sync.Pool{New: func() any {
	tc := &termCounter{n: map[uint32]float32{}}
	for w := range tc.adds {
		tc.adds[w] = func(word []byte) {
			if len(word) < 3 || stopWords[string(word)] {
				return
			}
			h, _ := wordHash(word)
			tc.n[uint32(h)] += float32(w)
		}
	}
	return tc
}}

func (tc *termCounter) add(w int) func([]byte) { return tc.adds[w] }

func (tc *termCounter) text(s string, w int) { tc.tok.scan([]byte(s), tc.add(w)) }

// stopWords are words of three letters or more that say nothing of what a
// story is about.
var stopWords = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{
		"the", "and", "for", "that", "this", "with", "was", "were", "are", "had", "has", "have",
		"not", "but", "from", "our", "they", "their", "them", "then", "than", "there", "what",
		"when", "which", "who", "why", "how", "all", "any", "can", "could", "would", "should",
		"will", "did", "does", "its", "into", "onto", "out", "over", "under", "been", "being",
		"one", "two", "also", "only", "just", "each", "every", "some", "more", "most", "other",
		"after", "before", "about", "because", "while", "where", "you", "your", "she", "her",
		"his", "him", "these", "those", "such", "very", "too", "same", "off", "down", "again",
		"https", "http", "www", "com",
	} {
		m[w] = true
	}
	return m
}()
