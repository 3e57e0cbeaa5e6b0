package search

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// Query rules, shared with the search page's script.
const (
	maxQueryWords  = 8 // words of a query looked up; the rest are ignored
	maxExpansions  = 8 // words a prefix or a typo stands for, most frequent first
	minPrefixRunes = 2 // a shorter query word matches only itself
	minTypoRunes   = 5 // a shorter query word must be spelled right

	weightExact      = 1.0
	weightPrefix     = 0.8
	weightTypo       = 0.7
	weightPrefixTypo = 0.5
	weightStem       = 0.9

	// A document's score adds bonusMatch for each query word it holds,
	// bonusExact more for each it holds as typed, and bonusTitle once
	// when its title holds them all, so that a document holding more of
	// the query's words comes first, then one holding more of them as
	// typed, then one with them all in its title, whatever the rest.
	bonusMatch = 1e7
	bonusExact = 1e5
	bonusTitle = 1e3

	// partialBelow is the number of documents holding every query word
	// below which those holding most of them follow.
	partialBelow = 10
)

// errFile is the format of an error about one index file.
const errFile = "search index: %s: %w"

// A MatchKind says how an indexed word matches a query word.
type MatchKind int

const (
	Exact      MatchKind = iota // the same word
	Prefix                      // a longer word that starts with it
	Typo                        // one edit away
	PrefixTypo                  // starts with a word one edit away
	Stem                        // another word of the same stem
)

var kindWeights = [...]float64{weightExact, weightPrefix, weightTypo, weightPrefixTypo, weightStem}

// termValue is what a posting at level lvl of a match of kind adds to a
// document's score, where wt is the match's weight (kind weight × idf).
// It grows with the level, so that the highest level of postings not yet
// read bounds what they may add.
func termValue(kind MatchKind, wt float64, lvl int) float64 {
	v := bonusMatch
	if kind == Exact {
		v += bonusExact
	}
	return v + wt*float64(lvl)
}

// matchWeight returns the weight of a match among ms, the matches of one
// query word: its kind's weight times its idf, where an expansion has
// the idf of the commonest of ms, never more than the word as typed.
func matchWeight(m Match, ms []Match, n int) float64 {
	df := m.DF
	if m.Kind != Exact {
		for _, o := range ms {
			df = max(df, o.DF)
		}
	}
	return kindWeights[m.Kind] * idf(df, n)
}

// A Match is an indexed word that a query word stands for.
type Match struct {
	Word string
	Kind MatchKind
	DF   int // documents that hold it

	shard *forwardFile
	index int
}

// A Reader answers queries from the files of an index as the search
// page's script does, except that it reads every tier of every word
// where the script stops once more postings could not change what it
// shows. It serves tests and tools.
type Reader struct {
	open    func(name string) ([]byte, error)
	root    *rootFile
	forward map[string]*forwardFile
}

// Open reads the index whose root file is at the URL path root; open
// returns a file's bytes by its output-relative name.
func Open(root string, open func(name string) ([]byte, error)) (*Reader, error) {
	r := &Reader{open: open, forward: map[string]*forwardFile{}}
	data, err := open(strings.TrimPrefix(root, "/"))
	if err != nil {
		return nil, err
	}
	if r.root, err = decodeRoot(data); err != nil {
		return nil, fmt.Errorf(errFile, root, err)
	}
	return r, nil
}

// Docs returns the number of documents in the index.
func (r *Reader) Docs() int { return r.root.docs }

func (r *Reader) file(h fileHash) ([]byte, error) {
	return r.open(fileName(h))
}

func (r *Reader) forwardShard(word string) (*forwardFile, error) {
	ref := findShard(r.root.forward, word)
	if f := r.forward[ref.name]; f != nil {
		return f, nil
	}
	data, err := r.open(ref.name)
	if err != nil {
		return nil, err
	}
	f, err := decodeForward(data)
	if err != nil {
		return nil, fmt.Errorf(errFile, ref.name, err)
	}
	r.forward[ref.name] = f
	return f, nil
}

// findShard returns the shard whose words word would be among.
func findShard(shards []shardRef, word string) shardRef {
	i := sort.Search(len(shards), func(i int) bool { return shards[i].sep > word })
	return shards[max(i-1, 0)]
}

// Lookup returns the indexed words a folded query word stands for: the
// word itself with the other words of its stem family, and the words it starts (at most maxExpansions, the most
// frequent) or, when there are none, the words one typo away, or else
// words that start one typo away.
func (r *Reader) Lookup(word string) ([]Match, error) {
	if len(r.root.forward) == 0 {
		return nil, nil
	}
	f, err := r.forwardShard(word)
	if err != nil {
		return nil, err
	}
	var out []Match
	i := sort.SearchStrings(f.words, word)
	if i < len(f.words) && f.words[i] == word {
		out = append(out, Match{Word: word, Kind: Exact, DF: f.df[i], shard: f, index: i})
		var fam []Match
		for j, n := range f.fam {
			if n != 0 && n == f.fam[i] && j != i {
				fam = append(fam, Match{Word: f.words[j], Kind: Stem, DF: f.df[j], shard: f, index: j})
			}
		}
		out = append(out, mostFrequent(fam)...)
		i++
	}
	var more []Match
	if utf8.RuneCountInString(word) >= minPrefixRunes {
		for ; i < len(f.words) && strings.HasPrefix(f.words[i], word); i++ {
			if len(out) > 0 && f.fam[i] != 0 && f.fam[i] == out[0].shard.fam[out[0].index] {
				continue // a word of its stem family
			}
			more = append(more, Match{Word: f.words[i], Kind: Prefix, DF: f.df[i], shard: f, index: i})
		}
	}
	if len(out) == 0 && len(more) == 0 && utf8.RuneCountInString(word) >= minTypoRunes {
		if more, err = r.typos(word, f); err != nil {
			return nil, err
		}
	}
	return append(out, mostFrequent(more)...), nil
}

// typos returns the words one typo from word, found in its forward and
// reversed shards, or else the words that start one typo from it.
func (r *Reader) typos(word string, f *forwardFile) ([]Match, error) {
	q := []rune(word)
	var out []Match
	for i, w := range f.words {
		if within1(q, []rune(w)) {
			out = append(out, Match{Word: w, Kind: Typo, DF: f.df[i], shard: f, index: i})
		}
	}
	if len(r.root.reversed) > 0 {
		ref := findShard(r.root.reversed, reverse(word))
		data, err := r.open(ref.name)
		if err != nil {
			return nil, err
		}
		rwords, err := decodeReversed(data)
		if err != nil {
			return nil, fmt.Errorf(errFile, ref.name, err)
		}
		for _, rw := range rwords {
			w := reverse(rw)
			if !within1(q, []rune(w)) || slices.ContainsFunc(out, func(m Match) bool { return m.Word == w }) {
				continue
			}
			g, err := r.forwardShard(w)
			if err != nil {
				return nil, err
			}
			if k, ok := slices.BinarySearch(g.words, w); ok {
				out = append(out, Match{Word: w, Kind: Typo, DF: g.df[k], shard: g, index: k})
			}
		}
	}
	if len(out) > 0 {
		return out, nil
	}
	for i, w := range f.words {
		if prefixWithin1(q, []rune(w)) {
			out = append(out, Match{Word: w, Kind: PrefixTypo, DF: f.df[i], shard: f, index: i})
		}
	}
	return out, nil
}

// mostFrequent returns the maxExpansions most frequent matches, most
// frequent first, then in word order.
func mostFrequent(ms []Match) []Match {
	slices.SortStableFunc(ms, func(a, b Match) int {
		if a.DF != b.DF {
			return b.DF - a.DF
		}
		return strings.Compare(a.Word, b.Word)
	})
	return ms[:min(len(ms), maxExpansions)]
}

// postings returns every posting of a match.
func (r *Reader) postings(m Match) ([]uint32, error) {
	entry := m.shard.tiers[m.index]
	posts := slices.Clone(entry.first)
	for _, t := range entry.tails {
		tail, err := r.tail(t)
		if err != nil {
			return nil, err
		}
		posts = append(posts, tail...)
	}
	return posts, nil
}

// tail returns the postings of tail t, from its shard or its file.
func (r *Reader) tail(t tailRef) ([]uint32, error) {
	if t.chunk != nil {
		return readChunk(t.chunk)
	}
	data, err := r.file(t.hash)
	if err != nil {
		return nil, err
	}
	tail, err := decodeTail(data)
	if err != nil {
		return nil, fmt.Errorf(errFile, fileName(t.hash), err)
	}
	return tail, nil
}

// idf is the inverse document frequency of a word in df of n documents.
func idf(df, n int) float64 {
	return math.Log(1 + (float64(n-df)+0.5)/(float64(df)+0.5))
}

// A Query is what a search asks for.
type Query struct {
	Text     string
	Tag      string // only stories with this tag
	Severity string // only stories of this severity
}

// A Result is a story that matches a query.
type Result struct {
	Doc     int // the story's number, 0 for the oldest
	Score   float64
	Partial bool // it lacks some of the query's words
	Parts
	Card
}

// Parts are the parts of a result's score that break a tie between
// equal scores, in this order, before the newer story.
type Parts struct {
	TitleAll bool // its title holds every query word
	Exact    int  // query words it holds as typed
	Levels   int  // the levels of the query words it holds, summed
}

// byRank orders results best first: by score, then by the parts of
// the score, then newest first.
func byRank(a, b Result) int {
	return cmp.Or(
		cmp.Compare(b.Score, a.Score),
		boolCompare(b.TitleAll, a.TitleAll),
		cmp.Compare(b.Exact, a.Exact),
		cmp.Compare(b.Levels, a.Levels),
		cmp.Compare(b.Doc, a.Doc))
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// A hit is what a query word adds to a document's score: its best
// match's value, whether as typed, and its level; and whether a match
// is in the title.
type hit struct {
	value float64
	exact bool
	level int
	title bool
}

// Search returns every story that matches q, best first: those that
// hold every query word or, when fewer than partialBelow do, those too
// that hold some of them, after them.
func (r *Reader) Search(q Query) ([]Result, error) {
	words := uniq(Words(q.Text))
	words = words[:min(len(words), maxQueryWords)]
	scores := map[int]*Result{}
	held, titled := map[int]int{}, map[int]int{}
	for _, w := range words {
		hits, err := r.wordHits(w)
		if err != nil {
			return nil, err
		}
		for doc, h := range hits {
			s := scores[doc]
			if s == nil {
				s = &Result{Doc: doc}
				scores[doc] = s
			}
			s.Score += h.value
			s.Levels += h.level
			if h.exact {
				s.Exact++
			}
			held[doc]++
			if h.title {
				titled[doc]++
			}
		}
	}
	for doc, n := range titled {
		if n == len(words) {
			scores[doc].Score += bonusTitle
			scores[doc].TitleAll = true
		}
	}
	if len(words) == 0 {
		for n := range r.root.docs {
			scores[n] = &Result{Doc: n}
		}
	}
	return r.results(q, scores, held, len(words))
}

// results returns the results of query q of n words from their scores
// and the number of words each holds, best first.
func (r *Reader) results(q Query, scores map[int]*Result, held map[int]int, n int) ([]Result, error) {
	var out []Result
	full := 0
	for doc, s := range scores {
		c, err := r.card(doc)
		if err != nil {
			return nil, err
		}
		if q.Tag != "" && !slices.Contains(c.Tags, q.Tag) || q.Severity != "" && c.Severity != q.Severity {
			continue
		}
		all := held[doc] == n
		if all {
			full++
		}
		res := *s
		res.Partial, res.Card = !all, c
		out = append(out, res)
	}
	if full >= partialBelow {
		out = slices.DeleteFunc(out, func(r Result) bool { return r.Partial })
	}
	slices.SortFunc(out, byRank)
	return out, nil
}

// wordHits returns what a query word adds to each document that holds
// one of the words it stands for: the most any of them adds.
func (r *Reader) wordHits(w string) (map[int]hit, error) {
	ms, err := r.Lookup(w)
	if err != nil {
		return nil, err
	}
	hits := map[int]hit{}
	for _, m := range ms {
		posts, err := r.postings(m)
		if err != nil {
			return nil, err
		}
		wt := matchWeight(m, ms, r.root.docs)
		for _, p := range posts {
			d, lvl := docOf(p), levelOf(p)
			h, ok := hits[d]
			if s := termValue(m.Kind, wt, lvl); !ok || s > h.value {
				h.value, h.exact, h.level = s, m.Kind == Exact, lvl
			}
			h.title = h.title || lvl > titleLevels
			hits[d] = h
		}
	}
	return hits, nil
}

// card returns the card of document n.
func (r *Reader) card(n int) (Card, error) {
	rt := r.root
	if n < 0 || n >= rt.docs {
		return Card{}, errFormat
	}
	file := n / rt.perFile
	block := file / rt.perBlock
	name := blockName(rt.blocks[block], file)
	data, err := r.open(name)
	if err != nil {
		return Card{}, err
	}
	cards, err := decodeCards(data, rt.bits, rt.urlPrefix)
	if err != nil || n%rt.perFile >= len(cards) {
		return Card{}, fmt.Errorf(errFile, name, errFormat)
	}
	return cards[n%rt.perFile], nil
}
