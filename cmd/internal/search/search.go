// Package search builds the static search index of a site: many small
// files that a page's script fetches a few at a time, so that a query
// costs a few kilobytes whatever the size of the library, with no server
// and no download of the whole index.
//
// Index files are written under assets/search/, each named by a hash of
// its content (card files by a hash of their block), so a host may cache
// them for ever. The same documents give the same bytes, whatever the
// order they were added in and whatever Writes came before. A Write
// writes only the files the previous Write on the same Index did not,
// redoing only what the changed documents touch, and names every current
// file, so a caller can remove the rest.
//
// # What is indexed
//
// Words are folded (lowercase, accents removed: see package fold) runs
// of letters and digits; words with the same Snowball English stem are
// a stem family, which a forward shard records, so that the script finds
// "migrated" for "migration" with no stemmer of its own. Each document's
// words are weighed by field (title 6, tags 5, summary and lessons 3,
// changes, impact and authors 2, body 1) and each word's weight in a document is a BM25 term-frequency
// component quantized to a level from 1 to 16, plus 16 when the word is
// in the title (see level), so that a title hit outweighs any other. The
// script scores a document as the sum over query words of a bonus for
// the word held, a larger one when held as typed (not only a prefix, a
// typo or another form of it), and idf × level, where an expansion has
// the idf of the commonest word the query word stands for; and a bonus
// when the title holds every query word. Equal scores are ordered by
// their parts: a title holding every query word first, then more words
// held as typed, then higher levels summed, and only then the newer
// document. When fewer than ten documents hold every query word, those
// holding some follow, marked partial.
//
// Documents are numbered 0 to N-1 oldest first (by date, then slug), so
// a new story usually takes the next number and leaves the others' alone.
//
// # Files
//
// Every file starts with a kind byte and the format version (5). Numbers
// are unsigned LEB128 varints, strings a varint length and UTF-8 bytes, a
// hash the first 6 bytes of the SHA-256 of a file (12 hex digits in file
// names), and a front-coded string the varint length it shares with the
// previous one, then the rest as a string.
//
//	root 'R'      N; docs per card file G; card files per block B; blocks,
//	              then a hash each; dense bits D; URL prefix; filters hash;
//	              forward shards: blocks of 16, then a hash each; shards,
//	              then each one's first-word separator (front-coded);
//	              reversed shards, the same.
//	forward 'F'   words, then each word: front-coded word, document
//	              frequency, dense bit+1 (0 for none), stem family (0 for
//	              none, else 1 + the place in the shard of the family's
//	              first word); then each word's tiers: their count, the
//	              first tier's length and chunk, then each further tier's
//	              hash and highest level, except the second tier of a
//	              word with a dense bit: its length and chunk, then its
//	              highest level.
//	reversed 'V'  words, then each word reversed byte by byte, front-coded.
//	tail 'T'      one chunk: a further tier of one word.
//	card 'C'      cards, then each: URL after the prefix, title, summary,
//	              day (days since 1970-01-01, plus 1; 0 for none),
//	              severity (0 none, 1 low … 4 critical), tags, lessons
//	              (each its text and its anchor, empty when it is
//	              lesson-N by its place N from 1), then the dense bits
//	              (D bits, little-endian).
//	filters 'L'   tags, then each tag's name, count, and whether it has a
//	              set (1 and the set's hash) or not (0); then severities 1
//	              to 4 the same way, without names.
//	set 'S'       0, documents, the first and the gaps to each next; or 1,
//	              N, and a bitmap of N bits.
//
// Card file c of block b is named by the block's hash and c
// ("<hash>-<c>.bin"), and so is shard i of a block of shards, whose
// hash is that of its shards' own hashes; every other file by its own
// hash ("<hash>.bin").
//
// A chunk is a list of runs: the run count, then for each run its level,
// its length, its first document and the gap down to each next. A word's
// postings, highest level first and newest first within a level, are cut
// into tiers of 64, 256, 1024, … postings (all in the first if at most
// 256): a query reads the first tiers and stops when more could not
// change what it shows.
//
// Forward shards hold the words in byte order, reversed shards the words
// spelled backwards; both are cut where neighbouring words share the
// shortest prefix that fits, so words that share their first two letters
// (last two, reversed) usually share a shard. A word with one typo keeps
// its first or its last letters, so the two shards of the query word hold
// the words it may have meant. A forward shard holds its words' first
// tiers too, so a query word's first results need its shard and then the
// card files, two steps after the root. It holds the second tier of a
// word with a dense bit as well: a query of several common words reads
// it whenever their first tiers leave its first results uncertain, which
// would otherwise cost a step of its own. Where a shard ends depends on
// the words near its end only (see chunks), so a word added or removed,
// or postings grown, change one shard or two; a stem family is never cut.
//
// Cards are what a result shows. The dense bits of a card say which of the
// most common words (document frequency at least N/4 and denseMin) the
// document holds, so a query of common words checks a candidate with its
// card instead of reading those words' long postings. Tags and severities
// held by fewer than half of the documents have sets; a query checks the
// commoner ones on its cards too.
//
// The page's script, static/js/search.js and the modules it imports from
// static/js/search/, reads these files in a module worker it starts (on
// the page where no worker may start), so the page that shows the results
// never decodes, looks up or ranks. It takes the format's constants and
// the query rules from static/js/search/rules.js, which this package's
// tests write (go test -update).
package search

import (
	"slices"
	"sync"
)

// A Doc is one story as the index sees it.
type Doc struct {
	Slug     string
	URL      string
	Title    string
	Summary  string
	Date     string // YYYY-MM-DD
	Severity string // low, medium, high, critical or empty
	Tags     []string
	Authors  []string
	Impact   string
	Lessons  []string
	Anchors  []string // each lesson's anchor: pinned, else lesson-N by position
	Changes  []string // what changed afterward
	Body     []byte   // plain text of the body
}

// An Index holds the documents of a site. Add and Remove may be called
// from several goroutines.
type Index struct {
	mu      sync.Mutex
	docs    map[string]*doc
	changed map[string]change // since the previous Write, by slug
	words   dict

	wmu   sync.Mutex      // held by Write
	st    *state          // what the previous Write made the files of
	prev  map[string]bool // the files it made
	files []string        // the same, sorted
}

// New returns an empty index.
func New() *Index { return &Index{docs: map[string]*doc{}, changed: map[string]change{}} }

// Add adds d, replacing a document with the same slug.
func (ix *Index) Add(d Doc) {
	rec := analyze(&d, &ix.words)
	ix.mu.Lock()
	ix.note(d.Slug, rec)
	ix.docs[d.Slug] = rec
	ix.mu.Unlock()
}

// Remove removes the document with the slug.
func (ix *Index) Remove(slug string) {
	ix.mu.Lock()
	if _, ok := ix.docs[slug]; ok {
		ix.note(slug, nil)
		delete(ix.docs, slug)
	}
	ix.mu.Unlock()
}

// note records that the document with the slug becomes rec.
func (ix *Index) note(slug string, rec *doc) {
	c, ok := ix.changed[slug]
	if !ok {
		c.old = ix.docs[slug]
	}
	c.new = rec
	ix.changed[slug] = c
}

// snapshot returns the documents, oldest first, and the changes since
// the previous snapshot. prev, when not nil, is the previous order: when
// the changes only replace documents in place, the order is prev's.
func (ix *Index) snapshot(prev []*doc) ([]*doc, map[string]change) {
	ix.mu.Lock()
	changed := ix.changed
	ix.changed = map[string]change{}
	if docs := replaced(prev, changed); docs != nil {
		ix.mu.Unlock()
		return docs, changed
	}
	docs := make([]*doc, 0, len(ix.docs))
	for _, d := range ix.docs {
		docs = append(docs, d)
	}
	ix.mu.Unlock()
	slices.SortFunc(docs, func(a, b *doc) int {
		if a.date != b.date {
			if a.date < b.date {
				return -1
			}
			return 1
		}
		if a.slug < b.slug {
			return -1
		}
		if a.slug > b.slug {
			return 1
		}
		return 0
	})
	return docs, changed
}

// replaced returns prev with the changed documents in their places, or
// nil when a change adds, removes or moves a document.
func replaced(prev []*doc, changed map[string]change) []*doc {
	if prev == nil || len(changed) > 64 {
		return nil
	}
	docs := slices.Clone(prev)
	for _, c := range changed {
		if c.old == nil || c.new == nil || c.old.date != c.new.date {
			return nil
		}
		i := slices.Index(prev, c.old)
		if i < 0 {
			return nil
		}
		docs[i] = c.new
	}
	return docs
}
