package site

import (
	"cmp"
	"math"
	"runtime"
	"slices"
	"sync"
)

// MaxRelated is how many related stories a story shows.
const MaxRelated = 4

// window is how many stories of each tag, nearest in date, are weighed as
// related candidates. It bounds the work per story whatever a tag's size.
const window = 64

// chooseRelated fills each story's related list, after the stories its
// front matter names, with the stories that share the most of its tags,
// rare tags weighing more than common ones; ties go to the nearest in date.
func chooseRelated(s *Site) {
	idf := make(map[*Tag]float64, len(s.Tags))
	for _, t := range s.Tags {
		idf[t] = math.Log(1 + float64(len(s.Stories))/float64(len(t.Stories)))
	}
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := range n {
		wg.Go(func() {
			scores := map[*Story]float64{}
			for i := w; i < len(s.Stories); i += n {
				st := s.Stories[i]
				if len(st.Related) < MaxRelated {
					st.Related = append(st.Related, pick(st, idf, scores)...)
				}
			}
		})
	}
	wg.Wait()
}

func pick(st *Story, idf map[*Tag]float64, scores map[*Story]float64) []*Story {
	clear(scores)
	for _, t := range st.Tags {
		i, _ := slices.BinarySearchFunc(t.Stories, st.Index, func(a *Story, idx int) int { return cmp.Compare(a.Index, idx) })
		lo, hi := max(0, i-window/2), min(len(t.Stories), i+window/2+1)
		for _, c := range t.Stories[lo:hi] {
			scores[c] += idf[t]
		}
	}
	delete(scores, st)
	for _, r := range st.Related {
		delete(scores, r)
	}
	cands := make([]*Story, 0, len(scores))
	for c := range scores {
		cands = append(cands, c)
	}
	slices.SortFunc(cands, func(a, b *Story) int {
		return cmp.Or(
			cmp.Compare(scores[b], scores[a]),
			cmp.Compare(absDiff(a.Index, st.Index), absDiff(b.Index, st.Index)),
			cmp.Compare(a.Index, b.Index),
		)
	})
	return cands[:min(len(cands), MaxRelated-len(st.Related))]
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// sameShape reports whether related stories chosen for prev still hold for
// s: the same stories in the same order, with the same tags and the same
// related fields.
func sameShape(prev, s *Site) bool {
	if len(prev.Stories) != len(s.Stories) {
		return false
	}
	for i, st := range s.Stories {
		p := prev.Stories[i]
		if p.Slug != st.Slug || !p.Date.Equal(st.Date) ||
			!slices.Equal(p.Story.Tags, st.Story.Tags) || !slices.Equal(p.Story.Related, st.Story.Related) {
			return false
		}
	}
	return true
}
