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
	forwardTarget  = 3000 // bytes of a forward shard, its words and their first postings, about
	reversedTarget = 2000 // bytes of words in a reversed shard, about
	cardsPerFile   = 4
	minBlockFiles  = 64  // card files in a block, at least
	maxBlocks      = 128 // blocks, at most, when blocks have minBlockFiles
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
//
// After the first Write, a Write redoes the postings of the stories
// added, replaced or removed since the previous one, not all of them,
// unless a change moves the numbers of other stories.
func (ix *Index) Write(write func(name string, data []byte) error) (Output, error) {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	var prev []*doc
	if ix.st != nil {
		prev = ix.st.docs
	}
	docs, changed := ix.snapshot(prev)
	if len(docs) >= maxDocs {
		return Output{}, fmt.Errorf("search index: %d stories, more than the %d it can hold", len(docs), maxDocs-1)
	}
	words := ix.words.all()
	if ix.st == nil || !ix.st.patch(docs, changed, words) {
		ix.st = newState(docs, words)
	}
	o := &output{write: write, prev: ix.prev, names: map[string]bool{}}
	root, err := ix.st.encode(o)
	if err != nil {
		ix.st = nil // the next Write starts again
		return Output{}, err
	}
	ix.prev = o.names
	ix.files = nil
	files := make([]string, 0, len(o.names))
	for name := range o.names {
		files = append(files, name)
	}
	slices.Sort(files)
	ix.files = files
	return Output{Root: "/" + root, Files: files, Written: int(o.written.Load())}, nil
}

// Names returns the files of the index as the last Write left it,
// output-relative, sorted.
func (ix *Index) Names() []string {
	ix.wmu.Lock()
	defer ix.wmu.Unlock()
	return ix.files
}

// An output writes the files of one Write.
type output struct {
	write   func(string, []byte) error
	prev    map[string]bool
	mu      sync.Mutex
	names   map[string]bool
	written atomic.Int64
}

// put writes a file unless the previous Write did; keep(name) says a
// file the previous Write wrote is still part of the index.
func (o *output) put(name string, data []byte) error {
	o.mu.Lock()
	seen := o.names[name]
	o.names[name] = true
	o.mu.Unlock()
	if seen || o.prev[name] {
		return nil
	}
	o.written.Add(1)
	return o.write(name, data)
}

func (o *output) keep(name string) {
	o.mu.Lock()
	o.names[name] = true
	o.mu.Unlock()
}

// encode writes every file that changed and returns the root's name.
func (st *state) encode(o *output) (string, error) {
	if err := st.encodeWords(o); err != nil {
		return "", err
	}
	st.cutShards()
	c := &st.cuts
	prefix := st.urlPrefix()
	nfiles := (len(st.docs) + cardsPerFile - 1) / cardsPerFile
	per := max(minBlockFiles, (nfiles+maxBlocks-1)/maxBlocks)
	blocks := make([]fileHash, (nfiles+per-1)/per)
	fwd := make([]shardFile, len(c.fwd))
	var filters fileHash

	var jobs []func() error
	var bmu sync.Mutex
	for i := range c.fwd {
		jobs = append(jobs, func() error {
			fwd[i] = st.forward(c.fwd[i], end(c.fwd, i, len(c.words)))
			return nil
		})
	}
	jobs = append(jobs, st.reversedJobs()...)
	for b := range blocks {
		jobs = append(jobs, func() (err error) {
			blocks[b], err = st.cardBlock(o, b, per, nfiles, prefix, &bmu)
			return err
		})
	}
	jobs = append(jobs, st.filterJobs(o, &filters)...)
	if err := runJobs(jobs); err != nil {
		return "", err
	}
	st.fwd = make(map[string]shardFile, len(fwd))
	for i, f := range fwd {
		st.fwd[c.words[c.fwd[i]]] = f
	}
	fwdBlocks, fwdJobs := putShards(o, kindForward, fwd)
	revBlocks, revJobs := putShards(o, kindReversed, c.revFiles)
	if err := runJobs(append(fwdJobs, revJobs...)); err != nil {
		return "", err
	}
	return st.writeRoot(o, per, blocks, fwdBlocks, revBlocks, prefix, filters)
}

// reversedJobs returns the jobs that encode the reversed shards, or none
// when they are unchanged since they were last encoded.
func (st *state) reversedJobs() []func() error {
	c := &st.cuts
	if c.revFiles != nil {
		return nil
	}
	c.revFiles = make([]shardFile, len(c.rev))
	jobs := make([]func() error, len(c.rev))
	for i := range c.rev {
		jobs[i] = func() error {
			c.revFiles[i] = encodeReversed(c.rwords[c.rev[i]:end(c.rev, i, len(c.rwords))])
			return nil
		}
	}
	return jobs
}

// filterJobs returns the job that writes the filters file and puts its
// hash in *h, or none when the file written last is still good.
func (st *state) filterJobs(o *output, h *fileHash) []func() error {
	if st.filterCode != nil {
		*h = st.filterHash
		for _, name := range st.filterCode {
			o.keep(name)
		}
		return nil
	}
	return []func() error{func() (err error) {
		*h, err = st.filters(o)
		return err
	}}
}

// writeRoot writes the root file, which names every other file of the
// index, and returns its name.
func (st *state) writeRoot(o *output, per int, blocks, fwdBlocks, revBlocks []fileHash, prefix string, filters fileHash) (string, error) {
	c := &st.cuts
	e := newEnc(kindRoot)
	e.num(len(st.docs))
	e.num(cardsPerFile)
	e.num(per)
	e.num(len(blocks))
	for _, h := range blocks {
		e.hash(h)
	}
	e.num(st.nbits)
	e.str(prefix)
	e.hash(filters)
	appendShards(e, c.words, c.fwd, fwdBlocks)
	appendShards(e, c.rwords, c.rev, revBlocks)
	name := fileName(hashOf(e.b))
	return name, o.put(name, e.b)
}

// cuts are where the words are cut into shards. The words, and the
// reversed shards once encoded, are good while no word comes or goes;
// the forward shards hold postings too, and are cut again at every Write.
type cuts struct {
	vocab    int
	words    []string // in byte order
	stems    []string // of each of words, "" for none
	ties     []bool   // see familyTies
	fwd      []int
	rwords   []string // spelled backwards, in byte order
	rev      []int
	revFiles []shardFile
}

func (st *state) cutShards() {
	c := &st.cuts
	if c.words == nil || c.vocab != st.vocab {
		n := len(st.order)
		*c = cuts{vocab: st.vocab, words: make([]string, n), stems: make([]string, n), rwords: make([]string, n)}
		for i, id := range st.order {
			c.words[i] = st.words[id]
			c.stems[i] = st.stems[id]
			c.rwords[i] = reverse(st.words[id])
		}
		slices.Sort(c.rwords)
		c.ties = familyTies(c.stems)
		c.rev = cut(c.rwords, func(i int) int { return len(c.rwords[i]) + 2 }, reversedTarget, nil)
	}
	size := func(i int) int { return len(c.words[i]) + 3 + st.postingsSize(st.order[i]) }
	c.fwd = cut(c.words, size, forwardTarget, c.ties)
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

// encodeWords encodes the tiers of the words whose postings changed,
// and writes every word's tail files that the previous Write did not.
func (st *state) encodeWords(o *output) error {
	st.writes++
	var jobs []func() error
	const batch = 256
	for i := 0; i < len(st.order); i += batch {
		ids := st.order[i:min(i+batch, len(st.order))]
		jobs = append(jobs, func() error {
			for _, id := range ids {
				if st.stale[id] {
					code := encodeTiers(st.lists[id])
					code.version = st.writes
					st.tiers[id], st.stale[id], st.lists[id] = code, false, nil
				}
				if err := st.putTails(o, id); err != nil {
					return err
				}
			}
			return nil
		})
	}
	return runJobs(jobs)
}

// encodeTiers encodes a word's postings: the first tier for its forward
// shard, and each further one as a tail.
func encodeTiers(posts []uint32) wordCode {
	ends := tierEnds(len(posts))
	code := wordCode{first: appendChunk(nil, posts[:ends[0]])}
	for t := 1; t < len(ends); t++ {
		tier := posts[ends[t-1]:ends[t]]
		e := newEnc(kindTail)
		e.b = appendChunk(e.b, tier)
		code.tails = append(code.tails, tailRef{hash: hashOf(e.b), level: int(maxLevel(tier)), chunk: e.b[2:]})
	}
	return code
}

// inShard says whether word id's tail k is in its forward shard rather
// than in a file: the second tier of a word with a dense bit is, which a
// query of several common words reads whenever their first tiers leave
// its first results uncertain.
func (st *state) inShard(id uint32, k int) bool { return k == 0 && st.bit[id] >= 0 }

// putTails writes the files of word id's tails, unless the previous
// Write wrote them.
func (st *state) putTails(o *output, id uint32) error {
	for k, t := range st.tiers[id].tails {
		if st.inShard(id, k) {
			continue
		}
		name := fileName(t.hash)
		if o.prev[name] {
			o.keep(name)
			continue
		}
		if err := o.put(name, append([]byte{kindTail, version}, t.chunk...)); err != nil {
			return err
		}
	}
	return nil
}

// postingsSize is what word id's postings add to a forward shard, about.
func (st *state) postingsSize(id uint32) int {
	n := len(st.tiers[id].first) + (hashLen+1)*len(st.tiers[id].tails) + 3
	if tails := st.tiers[id].tails; len(tails) > 0 && st.inShard(id, 0) {
		n += len(tails[0].chunk)
	}
	return n
}

// A shardCode is what a forward shard was made of: its words and their
// versions.
type shardCode struct {
	last     string
	n        int
	versions uint64
	epoch    int
}

// forward returns the forward shard of the words at lo to hi of the word
// order, as the previous Write made it if it made the same.
func (st *state) forward(lo, hi int) shardFile {
	ids := st.order[lo:hi]
	var versions uint64
	for _, id := range ids {
		versions = versions*31 + st.tiers[id].version
	}
	first, last := st.words[ids[0]], st.words[ids[len(ids)-1]]
	code := shardCode{last: last, n: len(ids), versions: versions, epoch: st.epoch}
	if old, ok := st.fwd[first]; ok && old.code == code {
		return old
	}
	data := st.encodeForward(ids, st.cuts.stems[lo:hi])
	return shardFile{hash: hashOf(data), data: data, code: code}
}

// encodeForward encodes the forward shard of words ids, whose stems
// are stems.
func (st *state) encodeForward(ids []uint32, stems []string) []byte {
	f := newEnc(kindForward)
	f.num(len(ids))
	prev := ""
	fam := families(stems)
	for i, id := range ids {
		f.front(prev, st.words[id])
		f.num(int(st.df[id]))
		f.num(int(st.bit[id] + 1))
		f.num(fam[i])
		prev = st.words[id]
	}
	for _, id := range ids {
		code := st.tiers[id]
		f.num(1 + len(code.tails))
		f.num(len(code.first))
		f.raw(code.first)
		for k, t := range code.tails {
			if st.inShard(id, k) {
				f.num(len(t.chunk))
				f.raw(t.chunk)
			} else {
				f.hash(t.hash)
			}
			f.byte1(byte(t.level))
		}
	}
	return f.b
}

// encodeReversed encodes a reversed shard.
func encodeReversed(rwords []string) shardFile {
	e := newEnc(kindReversed)
	e.num(len(rwords))
	prev := ""
	for _, w := range rwords {
		e.front(prev, w)
		prev = w
	}
	return shardFile{hash: hashOf(e.b), data: e.b}
}

// A blockCode is a block of card files as the previous Write made it.
type blockCode struct {
	docs   []*doc
	per    int
	prefix string
	hash   fileHash
}

// cardBlock writes the card files of block b, of per files, unless the
// previous Write made the same, and returns the block's hash.
func (st *state) cardBlock(o *output, b, per, nfiles int, prefix string, mu *sync.Mutex) (fileHash, error) {
	first, last := b*per, min((b+1)*per, nfiles)
	docs := st.docs[first*cardsPerFile : min(last*cardsPerFile, len(st.docs))]
	mu.Lock()
	old, ok := st.blocks[b]
	mu.Unlock()
	if ok && old.per == per && old.prefix == prefix && slices.Equal(old.docs, docs) {
		for c := first; c < last; c++ {
			o.keep(blockName(old.hash, c))
		}
		return old.hash, nil
	}
	files := make([][]byte, 0, last-first)
	sum := sha256.New()
	for c := first; c < last; c++ {
		e := newEnc(kindCards)
		lo, hi := c*cardsPerFile, min((c+1)*cardsPerFile, len(st.docs))
		e.num(hi - lo)
		for n := lo; n < hi; n++ {
			st.appendCard(e, n, prefix)
		}
		files = append(files, e.b)
		sum.Write(e.b)
	}
	var h fileHash
	copy(h[:], sum.Sum(nil))
	for i, f := range files {
		if err := o.put(blockName(h, first+i), f); err != nil {
			return h, err
		}
	}
	mu.Lock()
	st.blocks[b] = blockCode{docs: slices.Clone(docs), per: per, prefix: prefix, hash: h}
	mu.Unlock()
	return h, nil
}

func (st *state) appendCard(e *enc, n int, prefix string) {
	d := st.docs[n]
	e.str(strings.TrimPrefix(d.url, prefix))
	e.str(d.title)
	e.str(d.summary)
	e.num(int(d.day))
	e.byte1(d.severity)
	e.num(len(d.tags))
	for _, t := range d.tags {
		e.str(t)
	}
	e.num(len(d.lessons))
	for _, l := range d.lessons {
		e.str(l.Text)
		e.str(l.Anchor)
	}
	e.raw(st.docBits(n))
}

// filters writes the filters file and the sets of the rarer tags and
// severities, and returns the filters file's hash.
func (st *state) filters(o *output) (fileHash, error) {
	byTag := map[string][]int{}
	var bySeverity [len(severities)][]int
	for n, d := range st.docs {
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
	var files []string
	for _, t := range names {
		e.str(t)
		if err := st.appendFilter(o, e, byTag[t], &files); err != nil {
			return fileHash{}, err
		}
	}
	for _, docs := range bySeverity[1:] {
		if err := st.appendFilter(o, e, docs, &files); err != nil {
			return fileHash{}, err
		}
	}
	h := hashOf(e.b)
	st.filterCode, st.filterHash = append(files, fileName(h)), h
	return h, o.put(fileName(h), e.b)
}

// appendFilter appends a filter's count and, when fewer than half of the
// documents pass it, writes their set; a query checks a commoner filter
// on the cards it shows.
func (st *state) appendFilter(o *output, e *enc, docs []int, files *[]string) error {
	e.num(len(docs))
	if len(docs) == 0 || 2*len(docs) >= len(st.docs) {
		e.byte1(0)
		return nil
	}
	set := encodeSet(docs, len(st.docs))
	h := hashOf(set)
	e.byte1(1)
	e.hash(h)
	*files = append(*files, fileName(h))
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
