package search

// The decoders of the index files. Each returns errFormat for a file that
// is not one it could have written, and none panics.

type rootFile struct {
	docs      int
	perFile   int // docs per card file
	perBlock  int // card files per block
	blocks    []fileHash
	bits      int
	urlPrefix string
	filters   fileHash
	forward   []shardRef
	reversed  []shardRef
}

type shardRef struct {
	sep  string // the shard holds the words from sep up to the next shard's
	name string // its file
}

func decodeRoot(data []byte) (*rootFile, error) {
	d := newDec(data, kindRoot)
	r := &rootFile{docs: d.num(), perFile: d.num(), perBlock: d.num()}
	r.blocks = make([]fileHash, d.count(hashLen))
	for i := range r.blocks {
		r.blocks[i] = d.hash()
	}
	r.bits = d.num()
	r.urlPrefix = d.str()
	r.filters = d.hash()
	r.forward = decodeShards(d)
	r.reversed = decodeShards(d)
	if r.perFile == 0 || r.perBlock == 0 || r.bits > maxBits ||
		len(r.blocks) != (r.docs+r.perFile*r.perBlock-1)/(r.perFile*r.perBlock) {
		d.fail()
	}
	return r, d.end()
}

func decodeShards(d *dec) []shardRef {
	blocks := make([]fileHash, d.count(hashLen))
	for i := range blocks {
		blocks[i] = d.hash()
	}
	n := d.count(1)
	if (n+shardsPerBlock-1)/shardsPerBlock != len(blocks) {
		d.fail()
		return nil
	}
	shards := make([]shardRef, n)
	prev := ""
	for i := range shards {
		sep := d.front(prev)
		if i > 0 && sep <= prev || i == 0 && sep != "" {
			d.fail()
		}
		shards[i] = shardRef{sep: sep, name: blockName(blocks[i/shardsPerBlock], i)}
		prev = sep
	}
	return shards
}

type forwardFile struct {
	words []string
	df    []int
	bit   []int // dense bit, or -1
	fam   []int // stem family: 0 for none, else 1 + its first word's place
	tiers []wordTiers
}

func decodeForward(data []byte) (*forwardFile, error) {
	d := newDec(data, kindForward)
	n := d.count(4)
	f := &forwardFile{}
	prev := ""
	for i := range n {
		w := d.front(prev)
		if i > 0 && w <= prev {
			d.fail()
		}
		f.words = append(f.words, w)
		f.df = append(f.df, d.num())
		f.bit = append(f.bit, d.num()-1)
		fam := d.num()
		if fam > i+1 {
			d.fail()
		}
		f.fam = append(f.fam, fam)
		prev = w
	}
	f.tiers = make([]wordTiers, len(f.words))
	for i := range f.tiers {
		f.tiers[i] = decodeTiers(d, f.bit[i] >= 0)
	}
	return f, d.end()
}

// A wordTiers is a word's postings in its forward shard: the first tier,
// and where the others are.
type wordTiers struct {
	first []uint32 // tier 0
	tails []tailRef
}

// A tailRef is a tier of a word's postings after the first: its file, or
// its chunk where the forward shard holds it (the second tier of a word
// with a dense bit). An index being written keeps every tail's chunk.
type tailRef struct {
	hash  fileHash
	level int    // the highest level in the tail
	chunk []byte // its postings
}

// decodeTiers reads a word's tiers; dense says whether the word has a
// dense bit, and so its second tier in the shard.
func decodeTiers(d *dec, dense bool) wordTiers {
	var w wordTiers
	tiers := d.count(1)
	if tiers == 0 {
		d.fail()
		return w
	}
	first, err := readChunk(d.bytes(d.num()))
	if err != nil {
		d.fail()
	}
	w.first = first
	for k := range tiers - 1 {
		if k == 0 && dense {
			chunk := d.bytes(d.num())
			w.tails = append(w.tails, tailRef{chunk: chunk, level: int(d.byte1())})
			continue
		}
		w.tails = append(w.tails, tailRef{hash: d.hash(), level: int(d.byte1())})
	}
	return w
}

func decodeTail(data []byte) ([]uint32, error) {
	if len(data) < 2 || data[0] != kindTail || data[1] != version {
		return nil, errFormat
	}
	return readChunk(data[2:])
}

// readChunk decodes a chunk: postings by level, highest first, then by
// document, newest first.
func readChunk(data []byte) ([]uint32, error) {
	d := &dec{b: data}
	var posts []uint32
	runs := d.count(3)
	prevLevel := levels + 1
	for range runs {
		lv, n, doc := d.num(), d.count(0), d.num()
		if lv < 1 || lv >= prevLevel || n < 1 || doc >= maxDocs {
			d.fail()
			break
		}
		for k := range n {
			if k > 0 {
				gap := d.num()
				if gap < 1 || gap > doc {
					d.fail()
					break
				}
				doc -= gap
			}
			posts = append(posts, uint32(lv)<<levelShift|uint32(doc))
		}
		prevLevel = lv
	}
	return posts, d.end()
}

func decodeReversed(data []byte) ([]string, error) {
	d := newDec(data, kindReversed)
	words := make([]string, d.count(2))
	prev := ""
	for i := range words {
		words[i] = d.front(prev)
		if i > 0 && words[i] <= prev {
			d.fail()
		}
		prev = words[i]
	}
	return words, d.end()
}

// A Card is what a result shows of a story.
type Card struct {
	URL      string
	Title    string
	Summary  string
	Date     string // YYYY-MM-DD, or empty
	Severity string
	Tags     []string
	Lessons  []Lesson
	bits     []byte
}

// A Lesson is a lesson of a story and its anchor on the story's page.
type Lesson struct {
	Text, Anchor string
}

func decodeCards(data []byte, bits int, urlPrefix string) ([]Card, error) {
	d := newDec(data, kindCards)
	cards := make([]Card, d.count(6+(bits+7)/8))
	for i := range cards {
		c := &cards[i]
		c.URL = urlPrefix + d.str()
		c.Title, c.Summary = d.str(), d.str()
		c.Date = dayString(d.num())
		sev := int(d.byte1())
		if sev >= len(severities) {
			d.fail()
			break
		}
		c.Severity = severities[sev]
		c.Tags = make([]string, d.count(1))
		for k := range c.Tags {
			c.Tags[k] = d.str()
		}
		c.Lessons = make([]Lesson, d.count(2))
		for k := range c.Lessons {
			c.Lessons[k] = Lesson{d.str(), d.str()}
			if c.Lessons[k].Anchor == "" {
				c.Lessons[k].Anchor = lessonAnchor(k)
			}
		}
		c.bits = d.bytes((bits + 7) / 8)
	}
	return cards, d.end()
}

// hasBit reports whether a card's dense bit b is set.
func (c *Card) hasBit(b int) bool {
	return b >= 0 && b/8 < len(c.bits) && c.bits[b/8]&(1<<(b%8)) != 0
}

type filterFile struct {
	tags       []string
	tagSets    []filterRef
	severities [len(severities) - 1]filterRef
}

type filterRef struct {
	count  int
	hasSet bool
	set    fileHash
}

func decodeFilters(data []byte) (*filterFile, error) {
	d := newDec(data, kindFilters)
	f := &filterFile{}
	n := d.count(3)
	prev := ""
	for i := range n {
		t := d.str()
		if i > 0 && t <= prev {
			d.fail()
		}
		f.tags = append(f.tags, t)
		f.tagSets = append(f.tagSets, decodeFilterRef(d))
		prev = t
	}
	for i := range f.severities {
		f.severities[i] = decodeFilterRef(d)
	}
	return f, d.end()
}

func decodeFilterRef(d *dec) filterRef {
	r := filterRef{count: d.num()}
	switch d.byte1() {
	case 0:
	case 1:
		r.hasSet, r.set = true, d.hash()
	default:
		d.fail()
	}
	return r
}

// decodeSet returns the documents of a set, ascending.
func decodeSet(data []byte) ([]int, error) {
	d := newDec(data, kindSet)
	var docs []int
	switch d.byte1() {
	case 0:
		n := d.count(1)
		doc := 0
		for i := range n {
			gap := d.num()
			if i > 0 && gap < 1 || doc+gap >= maxDocs {
				d.fail()
				break
			}
			doc += gap
			docs = append(docs, doc)
		}
	case 1:
		n := d.num()
		bits := d.bytes((n + 7) / 8)
		for i := range min(n, len(bits)*8) {
			if bits[i/8]&(1<<(i%8)) != 0 {
				docs = append(docs, i)
			}
		}
	default:
		d.fail()
	}
	return docs, d.end()
}
