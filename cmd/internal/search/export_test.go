package search

// ForgetWritten makes the next Write on ix start again and write every
// file.
func ForgetWritten(ix *Index) { ix.prev, ix.st = nil, nil }

// SetDenseMin sets the least document frequency of a word with a dense
// bit, and returns a function that restores it.
func SetDenseMin(n int) (restore func()) {
	old := denseMin
	denseMin = n
	return func() { denseMin = old }
}

// ByRank orders results best first, as Search does.
var ByRank = byRank
