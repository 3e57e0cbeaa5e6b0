package search

import (
	"runtime"
	"sync"

	"github.com/kljensen/snowball/english"
)

// minStemRunes is the length of the shortest word that has a stem
// family: shorter words are too often cut to something else.
const minStemRunes = 3

// stem returns the Snowball English stem of a folded word, or "" for a
// word that has none: one too short or not of Latin letters.
func stem(w string) string {
	if len(w) < minStemRunes {
		return ""
	}
	letter := false
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 0x80 {
			return ""
		}
		letter = letter || c >= 'a' && c <= 'z'
	}
	if !letter {
		return ""
	}
	return english.Stem(w, true)
}

// stems returns the stem of each of words, found on every core.
func stems(words []string) []string {
	out := make([]string, len(words))
	n := runtime.GOMAXPROCS(0)
	var wg sync.WaitGroup
	for w := range n {
		wg.Go(func() {
			for i := w; i < len(words); i += n {
				out[i] = stem(words[i])
			}
		})
	}
	wg.Wait()
	return out
}

// families returns, for each word of a forward shard, its stem family
// within the shard: 0 when no other word of the shard has its stem, else
// 1 plus the place in the shard of the first word that does. A family is
// never cut by a shard's end (see familyTies).
func families(stems []string) []int {
	out := make([]int, len(stems))
	first := map[string]int{}
	for i, s := range stems {
		if s == "" {
			continue
		}
		if j, ok := first[s]; ok {
			out[i], out[j] = j+1, j+1
		} else {
			first[s] = i
		}
	}
	return out
}

// familyTies marks, for the stems of words in byte order, each word that
// must share a forward shard with the word before it: those after the
// first word of a stem family up to its last, so that every family is
// whole in one shard. The words of a family share their first letters,
// so they are near each other and a shard grows by little for them.
func familyTies(stems []string) []bool {
	first := make(map[string]int, len(stems))
	depth := make([]int, len(stems)+1) // +1 where a family's span opens, -1 past its end
	last := make(map[string]int, len(stems))
	for i, s := range stems {
		if s == "" {
			continue
		}
		if _, ok := first[s]; !ok {
			first[s] = i
		}
		last[s] = i
	}
	for s, i := range first {
		if j := last[s]; j > i {
			depth[i+1]++
			depth[j+1]--
		}
	}
	tied := make([]bool, len(stems))
	open := 0
	for i := range stems {
		open += depth[i]
		tied[i] = open > 0
	}
	return tied
}
