package site

import (
	"math"
	"runtime"
	"sync"

	"oops/cmd/internal/search"
	"oops/cmd/internal/story"
)

// storyWords holds the words of stories' front matter, for choosing
// related stories: each word numbered once, and each story's words by
// number, kept by the hash of its front matter. A site hands it on to the
// next (see Link), which reads again only the front matter that changed
// and shares the numbering, adding the words it has not seen: a number
// once given stays.
type storyWords struct {
	ids   map[uint32]int32 // by the word's hash
	byDoc map[uint64][]word
}

// A word is one a story says, its number and its weight in the story.
type word struct {
	hash   uint32
	id     int32
	weight float32
}

// readWords returns the words of stories: those known already, and the
// others read on every core.
func readWords(stories []*Story, known *storyWords) *storyWords {
	out := &storyWords{ids: map[uint32]int32{}, byDoc: make(map[uint64][]word, len(stories))}
	if known != nil {
		out.ids = known.ids
	}
	var todo []*Story
	for _, st := range stories {
		if ws, ok := known.of(st.MetaHash); ok {
			out.byDoc[st.MetaHash] = ws
		} else {
			todo = append(todo, st)
		}
	}
	read := make([][]search.Term, len(todo))
	var wg sync.WaitGroup
	n := runtime.GOMAXPROCS(0)
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(todo); i += n {
				read[i] = storyTerms(todo[i].Story)
			}
		})
	}
	wg.Wait()
	for i, st := range todo {
		out.byDoc[st.MetaHash] = out.number(read[i])
	}
	return out
}

func (sw *storyWords) of(meta uint64) ([]word, bool) {
	if sw == nil {
		return nil, false
	}
	ws, ok := sw.byDoc[meta]
	return ws, ok
}

// number gives each of terms its number, a new one to a word not seen.
func (sw *storyWords) number(terms []search.Term) []word {
	out := make([]word, len(terms))
	for i, t := range terms {
		id, ok := sw.ids[t.Hash]
		if !ok {
			id = int32(len(sw.ids))
			sw.ids[t.Hash] = id
		}
		out[i] = word{hash: t.Hash, id: id, weight: t.Weight}
	}
	return out
}

// storyTerms returns the words a story says most in its front matter: its
// title, tags, summary, lessons, changes and impact, the fields the search
// index weighs above the body. The body is left out: it is read only when
// its page is written, and an edit of it alone changes no other page.
func storyTerms(s *story.Story) []search.Term {
	changes := make([]string, len(s.Changes))
	for i, c := range s.Changes {
		changes[i] = c.What
	}
	return search.Terms(&search.Doc{Title: s.Title, Tags: s.Tags, Summary: s.Summary,
		Lessons: s.Lessons, Changes: changes, Impact: s.Impact}, nil)
}

// A posting is a story that says a word, with the word's weight in it.
type posting struct {
	story  int32
	weight float32
}

// termIndex holds, for choosing related stories, each story's most
// telling words and, for each word that two stories or more say, the
// stories that say it, in the site's order.
type termIndex struct {
	top      [][]word    // of each story: its topTerms words said elsewhere, weights normalized
	postings [][]posting // by word number
}

// indexTerms weighs every story's words by TF-IDF, normalized to a unit
// vector, and lists the stories of each word some other story says too.
func indexTerms(stories []*Story, sw *storyWords) *termIndex {
	df := make([]int32, len(sw.ids))
	for _, st := range stories {
		for _, w := range sw.byDoc[st.MetaHash] {
			df[w.id]++
		}
	}
	ix := &termIndex{top: make([][]word, len(stories)), postings: postingLists(df)}
	n := float64(len(stories))
	for i, st := range stories {
		ws := sw.byDoc[st.MetaHash]
		vec := make([]word, 0, len(ws))
		var norm float64
		for _, w := range ws {
			d := df[w.id]
			x := (1 + math.Log(float64(w.weight))) * math.Log(1+n/float64(d))
			norm += x * x
			if d > 1 { // a word no other story says finds no story
				vec = append(vec, word{hash: w.hash, id: w.id, weight: float32(x)})
			}
		}
		norm = math.Sqrt(norm)
		for j := range vec {
			vec[j].weight /= float32(norm)
			ix.postings[vec[j].id] = append(ix.postings[vec[j].id], posting{int32(i), vec[j].weight})
		}
		ix.top[i] = heaviest(vec, topTerms)
	}
	return ix
}

// postingLists returns an empty list for each word number, with room for
// the stories of a word said by two or more (df), all in one array.
func postingLists(df []int32) [][]posting {
	total := 0
	for _, d := range df {
		if d > 1 {
			total += int(d)
		}
	}
	all := make([]posting, 0, total)
	lists := make([][]posting, len(df))
	for id, d := range df {
		if d > 1 {
			lists[id] = all[len(all) : len(all) : len(all)+int(d)]
			all = all[:len(all)+int(d)]
		}
	}
	return lists
}

// heaviest moves the k heaviest words of vec to its front, heaviest first
// (ties by hash, so that the numbering, which depends on the order words
// were met, changes nothing), and returns them.
func heaviest(vec []word, k int) []word {
	k = min(k, len(vec))
	for i := range k {
		best := i
		for j := i + 1; j < len(vec); j++ {
			if a, b := vec[j], vec[best]; a.weight > b.weight || a.weight == b.weight && a.hash < b.hash {
				best = j
			}
		}
		vec[i], vec[best] = vec[best], vec[i]
	}
	return vec[:k]
}
