package search

// cut splits words, sorted in byte order, into consecutive groups of at
// most max bytes (size(i) is word i's share) and returns where each group
// starts. It cuts where neighbouring words share the shortest prefix it
// can: words with one first letter stay together if they fit, else words
// with the same first two letters, and so on.
func cut(words []string, size func(i int) int, max int) []int {
	sum := make([]int, len(words)+1)
	for i := range words {
		sum[i+1] = sum[i] + size(i)
	}
	var units []int // starts of ranges cut no further
	var split func(lo, hi, depth int)
	split = func(lo, hi, depth int) {
		if sum[hi]-sum[lo] <= max || hi-lo == 1 {
			units = append(units, lo)
			return
		}
		for i := lo; i < hi; {
			j := i + 1
			if len(words[i]) <= depth {
				// The word that is the shared prefix itself comes first.
				split(i, j, depth+1)
				i = j
				continue
			}
			c := words[i][depth]
			for j < hi && len(words[j]) > depth && words[j][depth] == c {
				j++
			}
			split(i, j, depth+1)
			i = j
		}
	}
	if len(words) > 0 {
		split(0, len(words), 0)
	}
	var starts []int
	size0 := 0
	for k, u := range units {
		end := len(words)
		if k+1 < len(units) {
			end = units[k+1]
		}
		n := sum[end] - sum[u]
		if len(starts) == 0 || size0+n > max {
			starts = append(starts, u)
			size0 = 0
		}
		size0 += n
	}
	return starts
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
