package search

import (
	"encoding/binary"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Field weights: how much one occurrence of a word counts, by field.
const (
	weightTitle   = 6
	weightTags    = 5
	weightSummary = 3
	weightLessons = 3
	weightChanges = 2
	weightImpact  = 2
	weightAuthors = 2
	weightBody    = 1
)

// A doc is what the index keeps of a document: its card and its words.
type doc struct {
	slug, date string
	url        string
	title      string
	summary    string
	day        uint64 // days since 1970-01-01, plus 1; 0 for none
	severity   byte
	tags       []string
	lessons    []Lesson // anchors empty where lesson-N by position
	length     int      // words, all fields
	nterms     int      // distinct words
	terms      []byte   // pairs of varints, by id: word id gap, weighted frequency
}

// severities are the severity names by their number.
var severities = [...]string{"", "low", "medium", "high", "critical"}

// analyze reads a document's words and makes its record.
func analyze(d *Doc, words *dict) *doc {
	rec := &doc{
		slug: d.Slug, date: d.Date, url: d.URL, title: d.Title, summary: d.Summary,
		day: dayNumber(d.Date), tags: uniq(d.Tags), lessons: lessons(d),
	}
	for i, s := range severities {
		if i > 0 && s == d.Severity {
			rec.severity = byte(i)
		}
	}
	c := words.counter()
	c.reset()
	c.text(d.Title, titleMark)
	c.texts(d.Tags, weightTags)
	c.text(d.Summary, weightSummary)
	c.texts(d.Lessons, weightLessons)
	c.texts(d.Changes, weightChanges)
	c.text(d.Impact, weightImpact)
	c.texts(d.Authors, weightAuthors)
	c.scan(d.Body, weightBody)
	rec.length = c.length
	rec.nterms = len(c.touched)
	rec.terms = c.encode(words)
	words.release(c)
	return rec
}

// lessons returns the lessons of d with their anchors, each empty where
// it is the lesson's by position.
func lessons(d *Doc) []Lesson {
	out := make([]Lesson, len(d.Lessons))
	for i, l := range d.Lessons {
		out[i].Text = l
		if i < len(d.Anchors) && d.Anchors[i] != lessonAnchor(i) {
			out[i].Anchor = d.Anchors[i]
		}
	}
	return out
}

// lessonAnchor returns the anchor of lesson i (from 0) by its position.
func lessonAnchor(i int) string { return "lesson-" + strconv.Itoa(i+1) }

// uniq returns ss without repeats, in order.
func uniq(ss []string) []string {
	var out []string
	for i, s := range ss {
		if !slices.Contains(ss[:i], s) {
			out = append(out, s)
		}
	}
	return out
}

// dayNumber returns the days from 1970-01-01 to date, plus 1, or 0 when
// date is not a YYYY-MM-DD date.
func dayNumber(date string) uint64 {
	t, err := time.Parse("2006-01-02", date)
	if err != nil || t.Year() < 1970 {
		return 0
	}
	return uint64(t.Unix()/86400) + 1
}

// A counter adds up the weighted frequency of each word of a document.
// It keeps every word it has met in a hash table with the word's id in
// its dict, so that the next document finds its words without locks; a
// word costs one probe of the table, which holds the counts themselves.
type counter struct {
	tok     tokenizer
	field   []byte // a field's text, copied
	batch   [64]pending
	sink    uint64
	pairs   []uint64 // (id, frequency) of the document's words
	spare   []uint64 // room for sorting pairs
	out     []byte
	buf     []byte  // the words longer than 8 bytes, one after another
	table   []entry // open addressing; n == 0 is empty
	used    int
	doc     int32   // the document being counted
	touched []int32 // its entries
	length  int     // its words
}

// A pending word is one of a batch: its place in the text, and its
// hash and first 8 bytes.
type pending struct {
	lo, hi    int32
	hash, key uint64
}

type entry struct {
	key  uint64 // the word's first 8 bytes
	hash uint32
	n    int32  // its length
	off  int32  // where the rest of a longer word is in buf
	id   uint32 // plus 1; 0 until looked up
	doc  int32  // the document freq belongs to
	freq int32
}

// maxCounted bounds the words a counter remembers.
const maxCounted = 1 << 20

// reset starts a document. The table is kept under three quarters full,
// as count keeps it, with room for 4,096 new words besides.
func (c *counter) reset() {
	if len(c.table) == 0 || c.used > maxCounted {
		c.buf, c.used = c.buf[:0], 0
		c.table = newTable(1 << 16)
	}
	if 4*(c.used+1<<12) > 3*len(c.table) {
		c.grow()
	}
	c.doc++
	c.touched = c.touched[:0]
	c.length = 0
}

func (c *counter) text(s string, w int32) {
	c.field = append(c.field[:0], s...)
	c.scan(c.field, w)
}

func (c *counter) texts(ss []string, w int32) {
	for _, s := range ss {
		c.text(s, w)
	}
}

// scan counts the words of text, each weighing w. It is the tokenizer's
// scan with the common case, a word of lowercase ASCII letters and
// digits, counted in batches: the table's slots for a batch are read
// all at once, so that their trips to memory overlap, before the words
// are counted.
func (c *counter) scan(text []byte, w int32) {
	n := 0
	for i := 0; i < len(text); {
		lo, j, class := nextRun(text, i)
		if lo == j {
			break
		}
		if class == classLower {
			if j-lo <= MaxWordRunes {
				h, key := wordHash(text[lo:j])
				c.batch[n] = pending{int32(lo), int32(j), h, key}
				if n++; n == len(c.batch) {
					c.flush(text, n, w)
					n = 0
				}
			}
		} else {
			c.tok.scan(text[lo:j], func(word []byte) { c.add(word, w) })
		}
		i = j
	}
	c.flush(text, n, w)
}

// flush counts the first n words of the batch.
func (c *counter) flush(text []byte, n int, w int32) {
	mask := len(c.table) - 1
	var sink uint64
	for k := range n {
		sink ^= c.table[int(c.batch[k].hash)&mask].key
	}
	c.sink ^= sink
	for k := range n {
		p := &c.batch[k]
		c.count(text[p.lo:p.hi], p.hash, p.key, w)
	}
}

func (c *counter) add(word []byte, w int32) {
	h, key := wordHash(word)
	c.count(word, h, key, w)
}

// count counts word, whose hash and first 8 bytes are h and key.
func (c *counter) count(word []byte, h, key uint64, w int32) {
	c.length++
	mask := len(c.table) - 1
	i := int(h) & mask
	for ; c.table[i].n != 0; i = (i + 1) & mask {
		e := &c.table[i]
		if e.key == key && e.hash == uint32(h) && int(e.n) == len(word) &&
			(len(word) <= 8 || string(c.buf[e.off:int(e.off)+len(word)-8]) == string(word[8:])) {
			if e.doc != c.doc {
				e.doc, e.freq = c.doc, 0
				c.touched = append(c.touched, int32(i))
			}
			e.freq += w
			return
		}
	}
	c.table[i] = entry{key: key, hash: uint32(h), n: int32(len(word)), off: int32(len(c.buf)), doc: c.doc, freq: w}
	if len(word) > 8 {
		c.buf = append(c.buf, word[8:]...)
	}
	c.touched = append(c.touched, int32(i))
	c.used++
	if 4*c.used > 3*len(c.table) {
		c.grow()
	}
}

// word returns the word of entry e.
func (c *counter) word(e *entry) []byte {
	var b [8]byte
	for i := range b {
		b[i] = byte(e.key >> (8 * i))
	}
	w := append([]byte(nil), b[:min(e.n, 8)]...)
	if e.n > 8 {
		w = append(w, c.buf[e.off:int(e.off)+int(e.n)-8]...)
	}
	return w
}

// wordHash returns a hash of a word and its first 8 bytes.
func wordHash(w []byte) (h, key uint64) {
	if n := len(w); n >= 8 || cap(w) >= 8 {
		key = binary.LittleEndian.Uint64(w[:8])
		if n < 8 {
			key &= 1<<(8*n) - 1
		}
	} else {
		for i := range n {
			key |= uint64(w[i]) << (8 * i)
		}
	}
	h = (key ^ uint64(len(w))*0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9
	for rest := w[min(len(w), 8):]; len(rest) > 0; rest = rest[min(len(rest), 8):] {
		var x uint64
		for i := 0; i < len(rest) && i < 8; i++ {
			x |= uint64(rest[i]) << (8 * i)
		}
		h = (h ^ h>>31 ^ x) * 0x94d049bb133111eb
	}
	return h ^ h>>29, key
}

// grow doubles the table, keeping the entries the document touched.
func (c *counter) grow() {
	old := c.table
	c.table = newTable(2 * len(old))
	mask := len(c.table) - 1
	moved := make(map[int32]int32, len(c.touched))
	for k := range old {
		if old[k].n == 0 {
			continue
		}
		i := int(old[k].hash) & mask
		for c.table[i].n != 0 {
			i = (i + 1) & mask
		}
		c.table[i] = old[k]
		if old[k].doc == c.doc {
			moved[int32(k)] = int32(i)
		}
	}
	for j, k := range c.touched {
		c.touched[j] = moved[k]
	}
}

// newTable returns a table of n empty entries, written before it is read.
// A large table comes straight from the kernel, whose fresh pages read as
// one shared page of zeros until written; the first write to such a page
// then costs every processor that runs the build a flush of its TLB, which
// under virtualisation costs more than the write.
func newTable(n int) []entry {
	t := make([]entry, n)
	clear(t)
	return t
}

// encode returns the pairs (id, frequency) of the document's words,
// looking up the ids of words new to the counter.
func (c *counter) encode(words *dict) []byte {
	c.pairs = c.pairs[:0]
	for _, k := range c.touched {
		e := &c.table[k]
		if e.id == 0 {
			e.id = words.id(c.word(e), uint64(e.hash)) + 1
		}
		c.pairs = append(c.pairs, uint64(e.id-1)<<32|uint64(uint32(e.freq)))
	}
	c.sortByID()
	c.out = c.out[:0]
	prev := uint64(0)
	for _, p := range c.pairs {
		c.out = binary.AppendUvarint(c.out, p>>32-prev)
		c.out = binary.AppendUvarint(c.out, p&(1<<32-1))
		prev = p >> 32
	}
	return slices.Clone(c.out)
}

// sortByID sorts c.pairs by their ids, the upper 32 bits, which differ
// from pair to pair. It is a radix sort, a byte of the ids at a time:
// faster than comparing, for the hundreds of words of a document.
func (c *counter) sortByID() {
	p := c.pairs
	if len(p) < 64 {
		slices.Sort(p)
		return
	}
	var ids uint64
	for _, v := range p {
		ids |= v
	}
	tmp := slices.Grow(c.spare[:0], len(p))[:len(p)]
	for shift := 32; ids>>shift != 0 && shift < 64; shift += 8 {
		var start [257]int
		for _, v := range p {
			start[int(byte(v>>shift))+1]++
		}
		for i := 1; i < len(start); i++ {
			start[i] += start[i-1]
		}
		for _, v := range p {
			b := byte(v >> shift)
			tmp[start[b]] = v
			start[b]++
		}
		p, tmp = tmp, p
	}
	c.pairs, c.spare = p, tmp
}

// A dict numbers words. Numbers are never reused, and mean nothing
// outside one Index: the files never depend on them.
type dict struct {
	shards [64]struct {
		mu  sync.Mutex
		ids map[string]uint32
	}
	mu       sync.Mutex
	words    []string
	counters []*counter // idle, for this dict only: they keep what they learnt
}

// counter returns an idle counter, or a new one.
func (d *dict) counter() *counter {
	d.mu.Lock()
	defer d.mu.Unlock()
	if n := len(d.counters); n > 0 {
		c := d.counters[n-1]
		d.counters = d.counters[:n-1]
		return c
	}
	return new(counter)
}

func (d *dict) release(c *counter) {
	d.mu.Lock()
	d.counters = append(d.counters, c)
	d.mu.Unlock()
}

func (d *dict) id(w []byte, h uint64) uint32 {
	s := &d.shards[h%uint64(len(d.shards))]
	s.mu.Lock()
	defer s.mu.Unlock()
	if id, ok := s.ids[string(w)]; ok {
		return id
	}
	if s.ids == nil {
		s.ids = map[string]uint32{}
	}
	word := string(w)
	d.mu.Lock()
	id := uint32(len(d.words))
	d.words = append(d.words, word)
	d.mu.Unlock()
	s.ids[word] = id
	return id
}

// all returns every word by id.
func (d *dict) all() []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.words[:len(d.words):len(d.words)]
}

// dayString returns the date of a day number, or "" for 0.
func dayString(n int) string {
	if n <= 0 || n > 1e7 {
		return ""
	}
	return time.Unix(int64(n-1)*86400, 0).UTC().Format("2006-01-02")
}
