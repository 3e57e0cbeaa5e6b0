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

// A state is what the files of an index are made from: the documents
// by number and each word's postings. Write keeps it, with the encoded
// tiers of each word, so that the next Write redoes only what changed.
type state struct {
	docs  []*doc // by number, oldest first
	total int    // words in all the documents
	pivot int

	// By word id:
	words []string   // the dict's words
	stems []string   // the Snowball stem of each word, "" for none
	df    []int32    // documents that hold the word
	lists [][]uint32 // postings in chunk order, while they change; else nil
	bit   []int32    // dense bit, or -1
	stale []bool     // the tiers below must be encoded again from lists
	tiers []wordCode

	order []uint32 // ids of the words with postings, in byte order
	nbits int
	bits  []byte // the dense bits of each document, bitBytes() each

	writes uint64 // Writes that encoded words
	vocab  int    // bumped when words come or go
	epoch  int    // bumped when the dense bits change
	blocks map[int]blockCode
	fwd    map[string]shardFile // forward shards as last written, by first word
	cuts   cuts
	// The filters file and its sets, nil when a story's tags, severity
	// or number changed.
	filterCode []string
	filterHash fileHash
}

// A wordCode is a word's tiers, encoded: the first for its shard, the
// others in their own files (their chunks kept here too). Between
// Writes it is all there is of the word's postings.
type wordCode struct {
	first   []byte
	tails   []tailRef
	version uint64 // the Write that encoded it
}

// list returns the postings of word id, decoding them if need be.
func (st *state) list(id uint32) []uint32 {
	if st.lists[id] != nil || st.df[id] == 0 {
		return st.lists[id]
	}
	code := st.tiers[id]
	l, _ := readChunk(code.first)
	for _, t := range code.tails {
		more, _ := readChunk(t.chunk)
		l = append(l, more...)
	}
	st.lists[id] = l
	return l
}

// A change is a document replaced, added (old nil) or removed (new nil)
// since the previous Write.
type change struct{ old, new *doc }

// newState makes the state of docs, ordered oldest first.
func newState(docs []*doc, words []string) *state {
	st := &state{docs: docs, blocks: map[int]blockCode{}}
	st.grow(words)
	df := st.df
	for _, d := range docs {
		st.total += d.length
		eachTerm(d.terms, func(id uint32, _ int) { df[id]++ })
	}
	st.pivot = pivotLength(st.total, len(docs))
	next := make([]int32, len(words)+1)
	for id, n := range df {
		next[id+1] = next[id] + n
		if n > 0 {
			st.order = append(st.order, uint32(id))
			st.stale[id] = true
		}
	}
	slices.SortFunc(st.order, func(a, b uint32) int { return strings.Compare(words[a], words[b]) })
	st.chooseBits(func(id uint32) int { return int(df[id]) })
	flat := make([]uint32, next[len(words)])
	for id := range df {
		st.lists[id] = flat[next[id]:next[id+1]:next[id+1]]
	}
	st.bits = make([]byte, len(docs)*st.bitBytes())
	for n := len(docs) - 1; n >= 0; n-- {
		var lv levelCache
		d, bits := docs[n], st.docBits(n)
		eachTerm(d.terms, func(id uint32, freq int) {
			flat[next[id]] = lv.of(freq, d.length, st.pivot)<<levelShift | uint32(n)
			next[id]++
			if b := st.bit[id]; b >= 0 {
				bits[b/8] |= 1 << (b % 8)
			}
		})
	}
	st.sortLists()
	return st
}

// A levelCache remembers the levels of the frequencies of one document.
type levelCache [64]uint32

func (lv *levelCache) of(freq, length, pivot int) uint32 {
	if freq >= len(lv) {
		return level(freq, length, pivot)
	}
	if lv[freq] == 0 {
		lv[freq] = level(freq, length, pivot)
	}
	return lv[freq]
}

// grow makes room for the words the dict has learnt.
func (st *state) grow(words []string) {
	n := len(words) - len(st.words)
	st.stems = append(st.stems, stems(words[len(st.words):])...)
	st.words = words
	st.df = append(st.df, make([]int32, n)...)
	st.lists = append(st.lists, make([][]uint32, n)...)
	for range n {
		st.bit = append(st.bit, -1)
	}
	st.stale = append(st.stale, make([]bool, n)...)
	st.tiers = append(st.tiers, make([]wordCode, n)...)
}

// sortLists puts each word's postings in chunk order, on every core.
func (st *state) sortLists() {
	workers := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			var tmp []uint32
			for id := w; id < len(st.lists); id += workers {
				l := st.lists[id]
				if cap(tmp) < len(l) {
					tmp = make([]uint32, len(l))
				}
				sortByLevel(l, tmp[:len(l)])
			}
		})
	}
	wg.Wait()
}

// eachTerm calls fn with each (word id, weighted frequency) of a record.
func eachTerm(terms []byte, fn func(id uint32, freq int)) {
	id := uint64(0)
	for len(terms) > 0 {
		gap, n := binary.Uvarint(terms)
		freq, m := binary.Uvarint(terms[n:])
		terms = terms[n+m:]
		id += gap
		fn(uint32(id), int(freq))
	}
}

// patch brings st up to docs by redoing the postings of the changed
// documents only. It reports false, leaving st unusable, when that
// cannot be done: when a change moves other documents' numbers (a
// story removed or added before the newest) or the pivot length.
func (st *state) patch(docs []*doc, changed map[string]change, words []string) bool {
	at := make(map[int]change, len(changed))
	for i, d := range docs {
		var old *doc
		if i < len(st.docs) {
			old = st.docs[i]
		}
		if d == old {
			continue
		}
		c, ok := changed[d.slug]
		if !ok || c.old != old {
			return false
		}
		at[i] = c
	}
	for i := len(docs); i < len(st.docs); i++ {
		if c, ok := changed[st.docs[i].slug]; !ok || c.old != st.docs[i] {
			return false
		}
		at[i] = change{old: st.docs[i]}
	}
	total := st.total
	for _, c := range at {
		if c.old != nil {
			total -= c.old.length
		}
		if c.new != nil {
			total += c.new.length
		}
	}
	if len(docs) == 0 || pivotLength(total, len(docs)) != st.pivot {
		return false
	}
	st.grow(words)
	if len(docs) != len(st.docs) {
		st.filterCode = nil
	}
	for n, c := range at {
		st.replace(n, c)
	}
	st.total, st.docs = total, docs
	k := st.bitBytes()
	st.bits = slices.Grow(st.bits[:min(len(st.bits), len(docs)*k)], len(docs)*k)[:len(docs)*k]
	if !st.reorder() {
		for n := range at {
			if n < len(docs) {
				st.setBits(n)
			}
		}
	}
	return true
}

// replace redoes the postings of document n that change.
func (st *state) replace(n int, c change) {
	posting := func(d *doc) map[uint32]uint32 {
		m := map[uint32]uint32{}
		if d != nil {
			eachTerm(d.terms, func(id uint32, freq int) {
				m[id] = level(freq, d.length, st.pivot)<<levelShift | uint32(n)
			})
		}
		return m
	}
	was, is := posting(c.old), posting(c.new)
	for id, p := range was {
		if is[id] == p {
			continue
		}
		l := st.list(id)
		if i, ok := slices.BinarySearchFunc(l, p, chunkOrder); ok {
			st.lists[id] = slices.Delete(l, i, i+1)
			st.df[id]--
			st.stale[id] = true
		}
	}
	for id, p := range is {
		if was[id] == p {
			continue
		}
		l := st.list(id)
		i, _ := slices.BinarySearchFunc(l, p, chunkOrder)
		st.lists[id] = slices.Insert(l, i, p)
		st.df[id]++
		st.stale[id] = true
	}
	if c.old == nil || c.new == nil || c.old.severity != c.new.severity || !slices.Equal(c.old.tags, c.new.tags) {
		st.filterCode = nil
	}
}

// chunkOrder orders postings by level, highest first, then by
// document, newest first.
func chunkOrder(a, b uint32) int {
	if a>>levelShift != b>>levelShift {
		return int(b>>levelShift) - int(a>>levelShift)
	}
	return docOf(b) - docOf(a)
}

// reorder updates the list of words with postings, and the dense bits.
// It reports whether the dense bits changed, when it sets every
// document's.
func (st *state) reorder() bool {
	live := st.order[:0:0]
	seen := make([]bool, len(st.df))
	for _, id := range st.order {
		seen[id] = true
		if st.df[id] > 0 {
			live = append(live, id)
		}
	}
	added := false
	for id, n := range st.df {
		if n > 0 && !seen[id] {
			live = append(live, uint32(id))
			added = true
		}
	}
	if added {
		slices.SortFunc(live, func(a, b uint32) int { return strings.Compare(st.words[a], st.words[b]) })
	}
	if added || len(live) != len(st.order) {
		st.vocab++
	}
	st.order = live
	if !st.chooseBits(func(id uint32) int { return int(st.df[id]) }) {
		return false
	}
	st.bits = make([]byte, len(st.docs)*st.bitBytes())
	for n := range st.docs {
		st.setBits(n)
	}
	return true
}

// chooseBits gives dense bits to the words in at least a 1/denseShare of
// the documents and at least denseMin of them, most frequent first, at
// most maxBits; bits are numbered in word order. It reports whether the
// bits changed.
func (st *state) chooseBits(df func(id uint32) int) bool {
	least := max(denseMin, (len(st.docs)+denseShare-1)/denseShare)
	var dense []uint32
	for _, id := range st.order {
		if df(id) >= least {
			dense = append(dense, id)
		}
	}
	if len(dense) > maxBits {
		byWord := slices.Clone(dense)
		slices.SortStableFunc(dense, func(a, b uint32) int { return df(b) - df(a) })
		keep := make(map[uint32]bool, maxBits)
		for _, id := range dense[:maxBits] {
			keep[id] = true
		}
		dense = slices.DeleteFunc(byWord, func(id uint32) bool { return !keep[id] })
	}
	bit := make([]int32, len(st.df))
	for i := range bit {
		bit[i] = -1
	}
	for i, id := range dense {
		bit[id] = int32(i)
	}
	changed := len(dense) != st.nbits || !slices.Equal(bit, st.bit)
	st.bit, st.nbits = bit, len(dense)
	if changed {
		st.blocks = map[int]blockCode{}
		st.epoch++
	}
	return changed
}

// bitBytes is the length of a document's dense bits.
func (st *state) bitBytes() int { return (st.nbits + 7) / 8 }

// docBits returns the dense bits of document n.
func (st *state) docBits(n int) []byte {
	k := st.bitBytes()
	return st.bits[n*k : (n+1)*k : (n+1)*k]
}

// setBits sets the dense bits of document n from its words.
func (st *state) setBits(n int) {
	bits := st.docBits(n)
	clear(bits)
	eachTerm(st.docs[n].terms, func(id uint32, _ int) {
		if b := st.bit[id]; b >= 0 {
			bits[b/8] |= 1 << (b % 8)
		}
	})
}

// urlPrefix returns the longest prefix, up to a slash, of every URL.
func (st *state) urlPrefix() string {
	if len(st.docs) == 0 {
		return ""
	}
	pre := st.docs[0].url
	for _, d := range st.docs[1:] {
		pre = pre[:commonPrefix(pre, d.url)]
	}
	return pre[:strings.LastIndexByte(pre, '/')+1]
}
