package search

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortByID checks the radix sort of a document's pairs against a
// comparison sort, for documents of every size and ids of every width.
func TestSortByID(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var c counter
	for _, n := range []int{0, 1, 63, 64, 65, 300, 5000} {
		for _, width := range []uint{1, 8, 9, 17, 24, 31, 32} {
			ids := map[uint64]bool{}
			c.pairs = c.pairs[:0]
			for len(c.pairs) < n && len(ids) < 1<<width {
				id := r.Uint64N(1 << width)
				if !ids[id] {
					ids[id] = true
					c.pairs = append(c.pairs, id<<32|uint64(r.Uint32()))
				}
			}
			want := slices.Sorted(slices.Values(c.pairs))
			c.sortByID()
			if !slices.Equal(c.pairs, want) {
				t.Fatalf("%d pairs, ids of %d bits: sorted wrongly", len(want), width)
			}
		}
	}
}
