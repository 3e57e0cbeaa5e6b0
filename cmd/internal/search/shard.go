package search

import (
	"hash/fnv"
	"slices"
)

// units splits words, sorted in byte order, into consecutive groups that
// share a prefix, each of at most max bytes (size(i) is word i's share)
// unless it is one word, and returns where each starts. A group is as
// short a prefix as fits: words with one first letter, else words with
// the same first two letters, and so on.
func units(words []string, size func(i int) int, max int) []int {
	sum := make([]int, len(words)+1)
	for i := range words {
		sum[i+1] = sum[i] + size(i)
	}
	var starts []int
	var split func(lo, hi, depth int)
	split = func(lo, hi, depth int) {
		if sum[hi]-sum[lo] <= max || hi-lo == 1 {
			starts = append(starts, lo)
			return
		}
		for i := lo; i < hi; {
			j := i + 1
			if len(words[i]) > depth {
				c := words[i][depth]
				for j < hi && len(words[j]) > depth && words[j][depth] == c {
					j++
				}
			} // else the word that is the shared prefix itself comes first
			split(i, j, depth+1)
			i = j
		}
	}
	if len(words) > 0 {
		split(0, len(words), 0)
	}
	return starts
}

// chunks groups consecutive items into chunks of about target bytes
// (size(i) is item i's) and returns where each chunk starts. Where a
// chunk ends depends on the items near the end, not on those before it:
// an item starts a chunk when the chunk so far holds half the target and
// its key hashes to a multiple of a divisor, or when it would make the
// chunk twice the target. So an item added or removed moves at most the
// ends of a chunk or two, and leaves the other chunks as they were.
func chunks(n int, key func(i int) string, size func(i int) int, target int) []int {
	if n == 0 {
		return nil
	}
	total := 0
	for i := range n {
		total += size(i)
	}
	div := uint32(max(1, target/2/max(1, total/n)))
	starts := []int{0}
	acc := size(0)
	for i := 1; i < n; i++ {
		s := size(i)
		if acc >= target/2 && keyHash(key(i))%div == 0 || acc+s > 2*target {
			starts = append(starts, i)
			acc = 0
		}
		acc += s
	}
	return starts
}

func keyHash(s string) uint32 {
	h := fnv.New32a()
	h.Write([]byte(s))
	return h.Sum32()
}

// cut splits words, sorted in byte order, into shards of about target
// bytes that end where words share few first letters: chunks of units.
// A shard never starts at a word i for which tied[i] is set (tied may be
// nil): it stays with the word before it.
func cut(words []string, size func(i int) int, target int, tied []bool) []int {
	us := units(words, size, 2*target)
	if tied != nil {
		us = slices.DeleteFunc(us, func(u int) bool { return tied[u] })
	}
	sizes := make([]int, len(us))
	for k, u := range us {
		for i := u; i < end(us, k, len(words)); i++ {
			sizes[k] += size(i)
		}
	}
	cs := chunks(len(us), func(k int) string { return words[us[k]] }, func(k int) int { return sizes[k] }, target)
	starts := make([]int, len(cs))
	for i, c := range cs {
		starts[i] = us[c]
	}
	return starts
}

// end returns where group i of those starting at starts ends.
func end(starts []int, i, n int) int {
	if i+1 < len(starts) {
		return starts[i+1]
	}
	return n
}

// separator returns the shortest prefix of first that sorts after prev.
func separator(prev, first string) string {
	n := commonPrefix(prev, first)
	if n < len(first) {
		n++
	}
	return first[:n]
}

func commonPrefix(a, b string) int {
	n := min(len(a), len(b))
	for i := 0; i < n; i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return n
}

// reverse returns s spelled backwards, byte by byte.
func reverse(s string) string {
	b := make([]byte, len(s))
	for i := 0; i < len(s); i++ {
		b[len(s)-1-i] = s[i]
	}
	return string(b)
}
