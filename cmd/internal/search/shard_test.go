package search

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestUnits(t *testing.T) {
	tests := []struct {
		words string
		max   int
		want  string // groups, separated by |
	}{
		{"a b c", 10, "a b c"},
		{"aa ab ba bb", 2, "aa ab|ba bb"},
		{"ja jb ka kb kc", 3, "ja jb|ka kb kc"},
		// A first-letter group too big is cut by second letters.
		{"kaa kab kba kbb kca", 2, "kaa kab|kba kbb|kca"},
		{"k ka kaa kab", 2, "k|ka|kaa|kab"},
		{"abc", 1, "abc"},
		{"", 3, ""},
	}
	for _, tt := range tests {
		words := strings.Fields(tt.words)
		starts := units(words, func(int) int { return 1 }, tt.max)
		if got := groups(words, starts); got != tt.want {
			t.Errorf("units(%q, %d) = %q, want %q", tt.words, tt.max, got, tt.want)
		}
	}
}

func groups(words []string, starts []int) string {
	var gs []string
	for i, s := range starts {
		gs = append(gs, strings.Join(words[s:end(starts, i, len(words))], " "))
	}
	return strings.Join(gs, "|")
}

// TestChunksStay checks that adding a word changes at most the chunks
// near it.
func TestChunksStay(t *testing.T) {
	var words []string
	for i := range 5000 {
		words = append(words, fmt.Sprintf("w%05d", i*2))
	}
	size := func(i int) int { return 7 }
	before := cut(words, size, 300, nil)
	if n := len(before); n < 50 || n > 300 {
		t.Fatalf("%d shards of about 300 bytes for 35000 bytes", n)
	}
	for _, at := range []int{0, 1234, 4999} {
		more := slices.Insert(slices.Clone(words), at, fmt.Sprintf("w%05d", at*2+1))
		after := cut(more, size, 300, nil)
		was := map[string]bool{}
		for i := range before {
			was[strings.Join(words[before[i]:end(before, i, len(words))], " ")] = true
		}
		moved := 0
		for i := range after {
			if !was[strings.Join(more[after[i]:end(after, i, len(more))], " ")] {
				moved++
			}
		}
		if moved > 3 {
			t.Errorf("a word added at %d changed %d of %d shards", at, moved, len(after))
		}
	}
}

func TestSeparator(t *testing.T) {
	tests := []struct{ prev, first, want string }{
		{"apple", "banana", "b"},
		{"kub", "kubernetes", "kube"},
		{"rollback", "rollbacks", "rollbacks"},
	}
	for _, tt := range tests {
		got := separator(tt.prev, tt.first)
		if got != tt.want || got <= tt.prev || !strings.HasPrefix(tt.first, got) {
			t.Errorf("separator(%q, %q) = %q, want %q", tt.prev, tt.first, got, tt.want)
		}
	}
}

func TestTierEnds(t *testing.T) {
	tests := []struct {
		df   int
		want []int
	}{
		{1, []int{1}},
		{64, []int{64}},
		{256, []int{256}},
		{257, []int{64, 257}},
		{320, []int{64, 320}},
		{350, []int{64, 350}},
		{352, []int{64, 320, 352}},
		{8694, []int{64, 320, 1344, 5440, 8694}},
	}
	for _, tt := range tests {
		if got := tierEnds(tt.df); !slices.Equal(got, tt.want) {
			t.Errorf("tierEnds(%d) = %v, want %v", tt.df, got, tt.want)
		}
	}
}

func TestLevel(t *testing.T) {
	tests := []struct {
		freq, length, pivot int
		want                uint32
	}{
		{1, 100, 100, 8},              // once in the body of an average story
		{6, 100, 100, 14},             // six times in its body
		{titleMark, 100, 100, 30},     // once in its title, above any level of the body
		{titleMark + 6, 100, 100, 31}, // in the title and the body
		{1, 1000, 100, 2},             // once in a long story
		{1000, 100, 100, 16},          // saturated
		{1000 + titleMark, 100, 100, 32},
		{1, 1, 1 << 20, 13},
	}
	for _, tt := range tests {
		if got := level(tt.freq, tt.length, tt.pivot); got != tt.want {
			t.Errorf("level(%d, %d, %d) = %d, want %d", tt.freq, tt.length, tt.pivot, got, tt.want)
		}
	}
	for _, n := range []int{8, 100, 500, 5000} {
		if p := pivotLength(n*10, 10); p*1189/1000 < n || p*1000/1189 > n {
			t.Errorf("pivotLength(average %d) = %d, more than a step away", n, p)
		}
	}
}

func TestChunk(t *testing.T) {
	posts := []uint32{30<<levelShift | 9, 30<<levelShift | 4, 12<<levelShift | 8, 1<<levelShift | 7, 1<<levelShift | 0}
	got, err := readChunk(appendChunk(nil, posts))
	if err != nil || !slices.Equal(got, posts) {
		t.Errorf("chunk round trip = %v, %v; want %v", got, err, posts)
	}
	if !isSortedChunk(posts) {
		t.Error("isSortedChunk = false")
	}
}

func TestFamilyTies(t *testing.T) {
	stems := []string{"a", "migrat", "", "migratez", "migrat", "b", "migrat", "c", "d", "d"}
	want := []bool{false, false, true, true, true, true, true, false, false, true}
	if got := familyTies(stems); !slices.Equal(got, want) {
		t.Errorf("familyTies = %v, want %v", got, want)
	}
	words := []string{"a", "b", "c", "d", "e", "f"}
	size := func(int) int { return 100 }
	if got := cut(words, size, 100, []bool{false, false, true, true, false, false}); slices.Contains(got, 2) || slices.Contains(got, 3) {
		t.Errorf("cut starts a shard at a tied word: %v", got)
	}
}
