package search

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
)

// Sizes that shape the files.
const (
	forwardMax    = 3000 // bytes of words in a forward shard
	reversedMax   = 3000 // bytes of words in a reversed shard
	packMax       = 1500 // bytes of a pack, about
	cardsPerFile  = 4
	minBlockFiles = 64  // card files in a block, at least
	maxBlocks     = 128 // blocks, at most, when blocks have minBlockFiles
)

// Output names the files of an index.
type Output struct {
	Root    string   // URL path of the root file, for the search page
	Files   []string // every file of the index, output-relative, sorted
	Written int      // how many of them this Write wrote
}

// Write writes the index files with write (paths relative to the output
// root), skipping those the previous Write on ix wrote: a file's name
// changes with its content. write may be called from several goroutines
// at once, and must not keep data after it returns.
func (ix *Index) Write(write func(name string, data []byte) error) (Output, error) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	docs := ix.snapshot()
	if len(docs) >= maxDocs {
		return Output{}, fmt.Errorf("search index: %d stories, more than the %d it can hold", len(docs), maxDocs-1)
	}
	p := newPlan(docs, ix.words.all())
	o := &output{write: write, prev: ix.prev, names: map[string]bool{}}
	root, err := p.encode(o)
	if err != nil {
		return Output{}, err
	}
	ix.prev = o.names
	files := make([]string, 0, len(o.names))
	for name := range o.names {
		files = append(files, name)
	}
	slices.Sort(files)
	return Output{Root: "/" + root, Files: files, Written: o.written}, nil
}

// An output writes the files of one Write.
type output struct {
	write   func(string, []byte) error
	prev    map[string]bool
	mu      sync.Mutex
	names   map[string]bool
	written int
}

func (o *output) put(name string, data []byte) error {
	o.mu.Lock()
	seen := o.names[name]
	o.names[name] = true
	fresh := !seen && !o.prev[name]
	if fresh {
		o.written++
	}
	o.mu.Unlock()
	if !fresh {
		return nil
	}
	return o.write(name, data)
}

// encode writes every file and returns the root's name.
func (p *plan) encode(o *output) (string, error) {
	fwd := cut(p.words, func(i int) int { return len(p.words[i]) + 3 }, forwardMax)
	rwords := make([]string, len(p.words))
	for i, w := range p.words {
		rwords[i] = reverse(w)
	}
	slices.Sort(rwords)
	rev := cut(rwords, func(i int) int { return len(rwords[i]) + 2 }, reversedMax)
	prefix := p.urlPrefix()
	nfiles := (len(p.docs) + cardsPerFile - 1) / cardsPerFile
	per := max(minBlockFiles, (nfiles+maxBlocks-1)/maxBlocks)
	blocks := make([]fileHash, (nfiles+per-1)/per)
	fwdHash := make([]fileHash, len(fwd))
	revHash := make([]fileHash, len(rev))
	var filters fileHash

	var jobs []func() error
	for i := range fwd {
		jobs = append(jobs, func() (err error) {
			fwdHash[i], err = p.forward(o, fwd[i], end(fwd, i, len(p.words)))
			return err
		})
	}
	for i := range rev {
		jobs = append(jobs, func() (err error) {
			revHash[i], err = encodeReversed(o, rwords[rev[i]:end(rev, i, len(rwords))])
			return err
		})
	}
	for b := range blocks {
		jobs = append(jobs, func() (err error) {
			blocks[b], err = p.cardBlock(o, b*per, min((b+1)*per, nfiles), prefix)
			return err
		})
	}
	jobs = append(jobs, func() (err error) {
		filters, err = p.filters(o)
		return err
	})
	if err := runJobs(jobs); err != nil {
		return "", err
	}

	e := newEnc(kindRoot)
	e.num(len(p.docs))
	e.num(cardsPerFile)
	e.num(per)
	e.num(len(blocks))
	for _, h := range blocks {
		e.hash(h)
	}
	e.num(p.nbits)
	e.str(prefix)
	e.hash(filters)
	appendShards(e, p.words, fwd, fwdHash)
	appendShards(e, rwords, rev, revHash)
	name := fileName(hashOf(e.b))
	return name, o.put(name, e.b)
}

// end returns where group i of those starting at starts ends.
func end(starts []int, i, n int) int {
	if i+1 < len(starts) {
		return starts[i+1]
	}
	return n
}

func appendShards(e *enc, words []string, starts []int, hashes []fileHash) {
	e.num(len(starts))
	prev := ""
	for i, s := range starts {
		sep := ""
		if i > 0 {
			sep = separator(words[s-1], words[s])
		}
		e.front(prev, sep)
		e.hash(hashes[i])
		prev = sep
	}
}

// runJobs runs jobs on every core and returns the first error.
func runJobs(jobs []func() error) error {
	var (
		next  atomic.Int64
		first atomic.Pointer[error]
		wg    sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			for first.Load() == nil {
				i := int(next.Add(1)) - 1
				if i >= len(jobs) {
					return
				}
				if err := jobs[i](); err != nil {
					first.CompareAndSwap(nil, &err)
				}
			}
		})
	}
	wg.Wait()
	if err := first.Load(); err != nil {
		return *err
	}
	return nil
}

// forward writes the forward shard of words lo to hi, with its packs and
// tails, and returns its hash.
func (p *plan) forward(o *output, lo, hi int) (fileHash, error) {
	f := newEnc(kindForward)
	var packs enc
	npacks := 0
	var body []byte
	words := 0
	closePack := func() error {
		e := newEnc(kindPack)
		e.num(words)
		e.raw(body)
		h := hashOf(e.b)
		packs.hash(h)
		packs.num(words)
		npacks++
		body, words = body[:0], 0
		return o.put(fileName(h), e.b)
	}
	for r := lo; r < hi; r++ {
		var err error
		if body, err = p.appendTiers(o, body, r); err != nil {
			return fileHash{}, err
		}
		words++
		if len(body) >= packMax || r == hi-1 {
			if err := closePack(); err != nil {
				return fileHash{}, err
			}
		}
	}
	f.num(npacks)
	f.raw(packs.b)
	prev := ""
	for r := lo; r < hi; r++ {
		f.front(prev, p.words[r])
		f.num(p.df[r])
		f.num(int(p.bit[r] + 1))
		prev = p.words[r]
	}
	h := hashOf(f.b)
	return h, o.put(fileName(h), f.b)
}

// appendTiers appends word r's tiers to a pack, writing its tails.
func (p *plan) appendTiers(o *output, body []byte, r int) ([]byte, error) {
	posts := p.postings(r)
	ends := tierEnds(len(posts))
	body = binary.AppendUvarint(body, uint64(len(ends)))
	chunk := appendChunk(nil, posts[:ends[0]])
	body = binary.AppendUvarint(body, uint64(len(chunk)))
	body = append(body, chunk...)
	for t := 1; t < len(ends); t++ {
		tier := posts[ends[t-1]:ends[t]]
		e := newEnc(kindTail)
		e.b = appendChunk(e.b, tier)
		h := hashOf(e.b)
		if err := o.put(fileName(h), e.b); err != nil {
			return nil, err
		}
		body = append(body, h[:]...)
		body = append(body, maxLevel(tier))
	}
	return body, nil
}

// encodeReversed writes a reversed shard and returns its hash.
func encodeReversed(o *output, rwords []string) (fileHash, error) {
	e := newEnc(kindReversed)
	e.num(len(rwords))
	prev := ""
	for _, w := range rwords {
		e.front(prev, w)
		prev = w
	}
	h := hashOf(e.b)
	return h, o.put(fileName(h), e.b)
}

// cardBlock writes card files first to last and returns the block's hash.
func (p *plan) cardBlock(o *output, first, last int, prefix string) (fileHash, error) {
	files := make([][]byte, 0, last-first)
	sum := sha256.New()
	for c := first; c < last; c++ {
		e := newEnc(kindCards)
		lo, hi := c*cardsPerFile, min((c+1)*cardsPerFile, len(p.docs))
		e.num(hi - lo)
		for n := lo; n < hi; n++ {
			p.appendCard(e, n, prefix)
		}
		files = append(files, e.b)
		sum.Write(e.b)
	}
	var h fileHash
	copy(h[:], sum.Sum(nil))
	for i, f := range files {
		if err := o.put(cardName(h, first+i), f); err != nil {
			return h, err
		}
	}
	return h, nil
}

func (p *plan) appendCard(e *enc, n int, prefix string) {
	d := p.docs[n]
	e.str(strings.TrimPrefix(d.url, prefix))
	e.str(d.title)
	e.str(d.summary)
	e.num(int(d.day))
	e.byte1(d.severity)
	e.num(len(d.tags))
	for _, t := range d.tags {
		e.str(t)
	}
	e.raw(p.docBits(n))
}

// filters writes the filters file and the sets of the rarer tags and
// severities, and returns the filters file's hash.
func (p *plan) filters(o *output) (fileHash, error) {
	byTag := map[string][]int{}
	var bySeverity [len(severities)][]int
	for n, d := range p.docs {
		for _, t := range d.tags {
			byTag[t] = append(byTag[t], n)
		}
		bySeverity[d.severity] = append(bySeverity[d.severity], n)
	}
	names := make([]string, 0, len(byTag))
	for t := range byTag {
		names = append(names, t)
	}
	slices.Sort(names)
	e := newEnc(kindFilters)
	e.num(len(names))
	for _, t := range names {
		e.str(t)
		if err := p.appendFilter(o, e, byTag[t]); err != nil {
			return fileHash{}, err
		}
	}
	for _, docs := range bySeverity[1:] {
		if err := p.appendFilter(o, e, docs); err != nil {
			return fileHash{}, err
		}
	}
	h := hashOf(e.b)
	return h, o.put(fileName(h), e.b)
}

// appendFilter appends a filter's count and, when fewer than half of the
// documents pass it, writes their set; a query checks a commoner filter
// on the cards it shows.
func (p *plan) appendFilter(o *output, e *enc, docs []int) error {
	e.num(len(docs))
	if len(docs) == 0 || 2*len(docs) >= len(p.docs) {
		e.byte1(0)
		return nil
	}
	set := encodeSet(docs, len(p.docs))
	h := hashOf(set)
	e.byte1(1)
	e.hash(h)
	return o.put(fileName(h), set)
}

// encodeSet encodes ascending document numbers below n as gaps, or as a
// bitmap when that is shorter.
func encodeSet(docs []int, n int) []byte {
	var gaps []byte
	prev := 0
	for i, d := range docs {
		if i == 0 {
			gaps = binary.AppendUvarint(gaps, uint64(d))
		} else {
			gaps = binary.AppendUvarint(gaps, uint64(d-prev))
		}
		prev = d
	}
	e := newEnc(kindSet)
	if len(gaps) <= (n+7)/8 {
		e.byte1(0)
		e.num(len(docs))
		e.raw(gaps)
		return e.b
	}
	e.byte1(1)
	e.num(n)
	bits := make([]byte, (n+7)/8)
	for _, d := range docs {
		bits[d/8] |= 1 << (d % 8)
	}
	e.raw(bits)
	return e.b
}
