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
			p := &picker{score: make([]float64, len(s.Stories)), seen: make([]bool, len(s.Stories))}
			for i := w; i < len(s.Stories); i += n {
				st := s.Stories[i]
				if len(st.Related) < MaxRelated {
					st.Related = p.pick(s, st, idf)
				}
			}
		})
	}
	wg.Wait()
}

// A picker scores candidates in arrays indexed by story, reused from one
// story to the next.
type picker struct {
	score []float64
	seen  []bool
	cands []int
}

func (p *picker) pick(s *Site, st *Story, idf map[*Tag]float64) []*Story {
	for _, c := range p.cands {
		p.score[c], p.seen[c] = 0, false
	}
	p.cands = p.cands[:0]
	for _, t := range st.Tags {
		i, _ := slices.BinarySearchFunc(t.Stories, st.Index, func(a *Story, idx int) int { return cmp.Compare(a.Index, idx) })
		lo, hi := max(0, i-window/2), min(len(t.Stories), i+window/2+1)
		for _, c := range t.Stories[lo:hi] {
			if !p.seen[c.Index] {
				p.seen[c.Index] = true
				p.cands = append(p.cands, c.Index)
			}
			p.score[c.Index] += idf[t]
		}
	}
	out := st.Related
	for len(out) < MaxRelated {
		best := -1
		for _, c := range p.cands {
			if c == st.Index || slices.ContainsFunc(out, func(r *Story) bool { return r.Index == c }) {
				continue
			}
			if best < 0 || p.better(c, best, st.Index) {
				best = c
			}
		}
		if best < 0 {
			break
		}
		out = append(out, s.Stories[best])
	}
	return out
}

// better reports whether candidate a ranks above b for the story at index
// at: a higher score, then nearer in date, then newer.
func (p *picker) better(a, b, at int) bool {
	if p.score[a] != p.score[b] {
		return p.score[a] > p.score[b]
	}
	if da, db := absDiff(a, at), absDiff(b, at); da != db {
		return da < db
	}
	return a < b
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
