package search

import (
	"encoding/binary"
	"slices"
)

const (
	// levels is the number of weight levels of a word in a document.
	levels = 32
	// tier0 is the size of a word's first tier of postings; each next
	// tier is tierGrowth times the one before. A word with at most
	// tierWhole postings has them all in its first tier.
	tier0      = 64
	tierGrowth = 4
	tierWhole  = 256
	// levelShift places the level above the document number in a posting.
	levelShift = 26
	maxDocs    = 1 << levelShift
)

// pivotLength returns the length BM25 compares a document's length to:
// the average length, rounded to a quarter octave so that edits rarely
// move it. It uses integers only, so every machine computes the same.
func pivotLength(total, n int) int {
	if n == 0 {
		return 1
	}
	avg := max(total/n, 1)
	p := 8
	for {
		next := p * 1189 / 1000
		if next > avg {
			if avg-p > next-avg {
				return next
			}
			return p
		}
		p = next
	}
}

// titleMark is the weighted frequency one occurrence of a word in a
// title adds, so that a frequency tells how often a word is in the title
// (freq / titleMark) and how much elsewhere (freq % titleMark).
const titleMark = 1 << 20

// titleLevels is the number of levels of a word held in the title: they
// are the highest, above those of every word that is not.
const titleLevels = levels / 2

// level quantizes the BM25 term-frequency component of a word with
// weighted frequency freq in a document of length words: with k1 = 1.2
// and b = 0.75, f/(f + k1·(1-b+b·length/pivot)) scaled to 1…levels/2 and
// rounded up, where f counts a title occurrence as weightTitle; a word in
// the title has levels/2 more. Integer arithmetic keeps it the same
// everywhere.
func level(freq, length, pivot int) uint32 {
	title := freq / titleMark
	f := freq%titleMark + weightTitle*title
	num := int64(10) * int64(pivot) * int64(f)
	den := num + 3*(int64(pivot)+3*int64(length))
	l := (titleLevels*num + den - 1) / den
	l = min(max(l, 1), titleLevels)
	if title > 0 {
		l += titleLevels
	}
	return uint32(l)
}

// tierEnds returns where each tier of a word's df postings ends. A rest
// shorter than half of tier0 joins the tier before it.
func tierEnds(df int) []int {
	if df <= tierWhole {
		return []int{df}
	}
	var ends []int
	end, size := 0, tier0
	for end < df {
		end += size
		size *= tierGrowth
		if end > df || df-end < tier0/2 {
			end = df
		}
		ends = append(ends, end)
	}
	return ends
}

// sortByLevel orders postings by level, highest first, keeping the order
// of postings of one level. tmp must be as long as posts.
func sortByLevel(posts, tmp []uint32) {
	var count [levels + 2]int
	for _, p := range posts {
		count[levels-int(p>>levelShift)+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	for _, p := range posts {
		k := levels - int(p>>levelShift)
		tmp[count[k]] = p
		count[k]++
	}
	copy(posts, tmp[:len(posts)])
}

// appendChunk encodes postings ordered by level, highest first, and by
// document, newest first.
func appendChunk(b []byte, posts []uint32) []byte {
	runs := 0
	for i := range posts {
		if i == 0 || posts[i]>>levelShift != posts[i-1]>>levelShift {
			runs++
		}
	}
	b = binary.AppendUvarint(b, uint64(runs))
	for i := 0; i < len(posts); {
		lv := posts[i] >> levelShift
		j := i + 1
		for j < len(posts) && posts[j]>>levelShift == lv {
			j++
		}
		b = binary.AppendUvarint(b, uint64(lv))
		b = binary.AppendUvarint(b, uint64(j-i))
		prev := posts[i] & (maxDocs - 1)
		b = binary.AppendUvarint(b, uint64(prev))
		for _, p := range posts[i+1 : j] {
			d := p & (maxDocs - 1)
			b = binary.AppendUvarint(b, uint64(prev-d))
			prev = d
		}
		i = j
	}
	return b
}

// maxLevel returns the highest level of ordered postings.
func maxLevel(posts []uint32) byte {
	return byte(posts[0] >> levelShift)
}

// docOf returns the document number of a posting.
func docOf(p uint32) int { return int(p & (maxDocs - 1)) }

// levelOf returns the level of a posting.
func levelOf(p uint32) int { return int(p >> levelShift) }

// isSortedChunk reports whether postings are in chunk order.
func isSortedChunk(posts []uint32) bool {
	return slices.IsSortedFunc(posts, func(a, b uint32) int {
		if a>>levelShift != b>>levelShift {
			return int(b>>levelShift) - int(a>>levelShift)
		}
		return docOf(b) - docOf(a)
	})
}
