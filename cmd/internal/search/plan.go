package search

import (
	"encoding/binary"
	"runtime"
	"slices"
	"strings"
	"sync"
)

const (
	// maxBits bounds the dense bits of a card.
	maxBits = 512
	// denseShare is the least share of documents a word with a dense bit
	// is in (1/denseShare of them).
	denseShare = 4
)

// denseMin is the least document frequency of a word with a dense bit:
// below it, a query reads all the word's postings. A variable so that
// tests can try dense bits on a small library.
var denseMin = 2048

// A plan is an index ready to be encoded: the words in byte order with
// their postings.
type plan struct {
	docs  []*doc // by number, oldest first
	words []string
	df    []int
	start []int    // word r's postings are posts[start[r]:start[r+1]]
	posts []uint32 // by word, in chunk order
	bit   []int32  // by word, its dense bit or -1
	nbits int
	rank  []int32 // by dict id, the word's place in words, or -1
}

func newPlan(docs []*doc, dictWords []string) *plan {
	p := &plan{docs: docs, rank: make([]int32, len(dictWords))}
	dfByID := make([]int32, len(dictWords))
	total := 0
	for _, d := range docs {
		total += d.length
		eachTerm(d.terms, func(id uint32, _ int) { dfByID[id]++ })
	}
	var live []uint32
	for id, n := range dfByID {
		p.rank[id] = -1
		if n > 0 {
			live = append(live, uint32(id))
		}
	}
	slices.SortFunc(live, func(a, b uint32) int { return strings.Compare(dictWords[a], dictWords[b]) })
	p.words = make([]string, len(live))
	p.df = make([]int, len(live))
	p.start = make([]int, len(live)+1)
	for r, id := range live {
		p.rank[id] = int32(r)
		p.words[r] = dictWords[id]
		p.df[r] = int(dfByID[id])
		p.start[r+1] = p.start[r] + p.df[r]
	}
	p.fill(pivotLength(total, len(docs)))
	p.chooseBits()
	return p
}

// eachTerm calls fn with each (word id, weighted frequency) of a record.
func eachTerm(terms []byte, fn func(id uint32, freq int)) {
	for len(terms) > 0 {
		id, n := binary.Uvarint(terms)
		freq, m := binary.Uvarint(terms[n:])
		terms = terms[n+m:]
		fn(uint32(id), int(freq))
	}
}

// fill makes the postings of every word, in chunk order.
func (p *plan) fill(pivot int) {
	p.posts = make([]uint32, p.start[len(p.words)])
	next := slices.Clone(p.start[:len(p.words)])
	for n := len(p.docs) - 1; n >= 0; n-- {
		d := p.docs[n]
		eachTerm(d.terms, func(id uint32, freq int) {
			r := p.rank[id]
			p.posts[next[r]] = level(freq, d.length, pivot)<<levelShift | uint32(n)
			next[r]++
		})
	}
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var tmp []uint32
			for r := w; r < len(p.words); r += workers {
				posts := p.posts[p.start[r]:p.start[r+1]]
				if cap(tmp) < len(posts) {
					tmp = make([]uint32, len(posts))
				}
				sortByLevel(posts, tmp[:len(posts)])
			}
		})
	}
	wg.Wait()
}

// chooseBits gives dense bits to the words in at least a 1/denseShare of
// the documents and at least denseMin of them, most frequent first, at
// most maxBits; bits are numbered in word order.
func (p *plan) chooseBits() {
	least := max(denseMin, (len(p.docs)+denseShare-1)/denseShare)
	var dense []int
	for r, n := range p.df {
		if n >= least {
			dense = append(dense, r)
		}
	}
	if len(dense) > maxBits {
		slices.SortStableFunc(dense, func(a, b int) int { return p.df[b] - p.df[a] })
		dense = dense[:maxBits]
		slices.Sort(dense)
	}
	p.bit = make([]int32, len(p.words))
	for r := range p.bit {
		p.bit[r] = -1
	}
	for i, r := range dense {
		p.bit[r] = int32(i)
	}
	p.nbits = len(dense)
}

// postings returns word r's postings.
func (p *plan) postings(r int) []uint32 { return p.posts[p.start[r]:p.start[r+1]] }

// docBits returns the dense bits of document n.
func (p *plan) docBits(n int) []byte {
	bits := make([]byte, (p.nbits+7)/8)
	if p.nbits == 0 {
		return bits
	}
	eachTerm(p.docs[n].terms, func(id uint32, _ int) {
		if b := p.bit[p.rank[id]]; b >= 0 {
			bits[b/8] |= 1 << (b % 8)
		}
	})
	return bits
}

// urlPrefix returns the longest prefix, up to a slash, of every URL.
func (p *plan) urlPrefix() string {
	if len(p.docs) == 0 {
		return ""
	}
	pre := p.docs[0].url
	for _, d := range p.docs[1:] {
		pre = pre[:commonPrefix(pre, d.url)]
	}
	return pre[:strings.LastIndexByte(pre, '/')+1]
}
