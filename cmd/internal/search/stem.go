package search

import "github.com/kljensen/snowball/english"

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

// families returns, for each word of a forward shard, its stem family
// within the shard: 0 when no other word of the shard has its stem, else
// 1 plus the place in the shard of the first word that does. Words of one
// stem usually share their first letters, and so a shard; a family that
// a shard's end cuts is two.
func families(ids []uint32, words []string) []int {
	out := make([]int, len(ids))
	first := map[string]int{}
	for i, id := range ids {
		s := stem(words[id])
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
