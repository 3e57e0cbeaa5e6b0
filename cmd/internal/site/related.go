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

// Bounds of the work of choosing related stories, whatever the library's
// size: a story is weighed against at most window stories of each of its
// tags and postingCap stories of each of its topTerms most telling words,
// those nearest in date, so a library of n stories costs O(n) time.
const (
	window     = 64
	topTerms   = 8
	postingCap = 48
)

// tagShare is how much sharing all of a story's tags counts against
// saying the same things (a cosine similarity of 1).
const tagShare = 0.5

// chooseRelated fills each story's related list, after the stories its
// front matter names, with the stories most like it: those that say the
// same things, by the cosine similarity of their words weighted by TF-IDF
// (the search index's words, title and tags counting most), and that
// share its tags, rare tags weighing more than common ones; ties go to
// the nearest in date. A story that shares no tag with any other still
// gets the stories that say what it says.
//
// Each story's words are kept in s for the next site, which reads again
// only those of stories whose front matter changed (prev is the site
// before, or nil).
func chooseRelated(s, prev *Site) {
	tags := make(map[*Tag]float64, len(s.Tags))
	for _, t := range s.Tags {
		tags[t] = math.Log(1 + float64(len(s.Stories))/float64(len(t.Stories)))
	}
	var known *storyWords
	if prev != nil {
		known = prev.words
	}
	s.words = readWords(s.Stories, known)
	words := indexTerms(s.Stories, s.words)
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := range n {
		wg.Go(func() {
			p := &picker{score: make([]float64, len(s.Stories)), seen: make([]bool, len(s.Stories))}
			for i := w; i < len(s.Stories); i += n {
				st := s.Stories[i]
				if len(st.Related) < MaxRelated {
					p.reset()
					p.byTags(st, tags)
					p.byWords(st.Index, words)
					st.Related = p.best(s, st)
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

func (p *picker) reset() {
	for _, c := range p.cands {
		p.score[c], p.seen[c] = 0, false
	}
	p.cands = p.cands[:0]
}

func (p *picker) add(c int, score float64) {
	if !p.seen[c] {
		p.seen[c] = true
		p.cands = append(p.cands, c)
	}
	p.score[c] += score
}

// byTags scores the stories near st in date that share its tags: sharing
// them all counts tagShare.
func (p *picker) byTags(st *Story, idf map[*Tag]float64) {
	var sum float64
	for _, t := range st.Tags {
		sum += idf[t]
	}
	if sum == 0 {
		return
	}
	for _, t := range st.Tags {
		i, _ := slices.BinarySearchFunc(t.Stories, st.Index, func(a *Story, idx int) int { return cmp.Compare(a.Index, idx) })
		lo, hi := max(0, i-window/2), min(len(t.Stories), i+window/2+1)
		for _, c := range t.Stories[lo:hi] {
			p.add(c.Index, tagShare*idf[t]/sum)
		}
	}
}

// byWords scores the stories near the story at in date that say its most
// telling words, by the part of their cosine similarity those words make.
func (p *picker) byWords(at int, ix *termIndex) {
	for _, t := range ix.top[at] {
		list := ix.postings[t.id]
		i, _ := slices.BinarySearchFunc(list, int32(at), func(a posting, idx int32) int { return cmp.Compare(a.story, idx) })
		lo, hi := max(0, i-postingCap/2), min(len(list), i+postingCap/2+1)
		for _, c := range list[lo:hi] {
			p.add(int(c.story), float64(t.weight)*float64(c.weight))
		}
	}
}

// best returns st's related stories: those its front matter names, then
// the best of the candidates until there are MaxRelated.
func (p *picker) best(s *Site, st *Story) []*Story {
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
// s: the same stories in the same order, each front matter as it was.
func sameShape(prev, s *Site) bool {
	if len(prev.Stories) != len(s.Stories) {
		return false
	}
	for i, st := range s.Stories {
		p := prev.Stories[i]
		if p.Slug != st.Slug || p.MetaHash != st.MetaHash {
			return false
		}
	}
	return true
}
