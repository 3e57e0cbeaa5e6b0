package search

import (
	"bytes"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// files holds the files of an index.
type files struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (f *files) write(name string, data []byte) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.m == nil {
		f.m = map[string][]byte{}
	}
	f.m[name] = bytes.Clone(data)
	return nil
}

func (f *files) get(t testing.TB, name string) []byte {
	t.Helper()
	data, ok := f.m[name]
	if !ok {
		t.Fatalf("no file %s", name)
	}
	return data
}

func writeIndex(t testing.TB, docs []Doc) (*files, Output) {
	t.Helper()
	ix := New()
	for _, d := range docs {
		ix.Add(d)
	}
	f := &files{}
	out, err := ix.Write(f.write)
	if err != nil {
		t.Fatal(err)
	}
	return f, out
}

// randomDocs makes n stories of words drawn from a vocabulary in which a
// few words are very common, as in prose.
func randomDocs(n int, seed uint64) []Doc {
	r := rand.New(rand.NewPCG(seed, 2))
	vocab := make([]string, 3000)
	for i := range vocab {
		vocab[i] = fmt.Sprintf("w%s%d", string(rune('a'+i%26)), i)
	}
	word := func() string { return vocab[int(float64(len(vocab))*r.Float64()*r.Float64()*r.Float64())] }
	tags := []string{"alpha", "beta", "gamma", "delta"}
	var docs []Doc
	for i := range n {
		var body []string
		for range 20 + r.IntN(200) {
			body = append(body, word())
		}
		docs = append(docs, Doc{
			Slug: fmt.Sprintf("s%04d", i), URL: fmt.Sprintf("/stories/s%04d/", i),
			Title: word() + " " + word(), Summary: word() + " " + word() + " " + word(),
			Date:     fmt.Sprintf("20%02d-%02d-%02d", 10+r.IntN(15), 1+r.IntN(12), 1+r.IntN(28)),
			Severity: severities[r.IntN(len(severities))], Tags: []string{tags[r.IntN(len(tags))]},
			Body: []byte(strings.Join(body, " ")),
		})
	}
	return docs
}

// TestRoundTrip decodes every file of an index and checks it holds what
// was put in: each word's postings, the reversed words, cards and sets.
func TestRoundTrip(t *testing.T) {
	defer SetDenseMin(100)()
	docs := randomDocs(600, 1)
	f, out := writeIndex(t, docs)
	ix := New()
	for _, d := range docs {
		ix.Add(d)
	}
	docsNow, _ := ix.snapshot(nil)
	p := newState(docsNow, ix.words.all())
	if p.nbits == 0 {
		t.Fatal("the test library has no dense words")
	}
	root, err := decodeRoot(f.get(t, strings.TrimPrefix(out.Root, "/")))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]uint32{}
	tails := 0
	for _, ref := range root.forward {
		fw, err := decodeForward(f.get(t, ref.name))
		if err != nil {
			t.Fatal(err)
		}
		for k, w := range fw.tiers {
			word := fw.words[k]
			posts := w.first
			for n, tail := range w.tails {
				if inShard := tail.chunk != nil; inShard != (n == 0 && fw.bit[k] >= 0) {
					t.Errorf("%s: tail %d in the shard: %v, want it there only as a dense word's second tier", word, n+1, inShard)
				}
				var more []uint32
				if tail.chunk != nil {
					more, err = readChunk(tail.chunk)
				} else {
					more, err = decodeTail(f.get(t, fileName(tail.hash)))
				}
				if err != nil {
					t.Fatal(err)
				}
				if levelOf(more[0]) != tail.level {
					t.Errorf("%s: a tail's level is %d, its first posting's %d", word, tail.level, levelOf(more[0]))
				}
				posts = append(posts, more...)
				tails++
			}
			got[word] = posts
		}
	}
	if tails == 0 {
		t.Error("no word has tails")
	}
	var words []string
	for _, id := range p.order {
		w := p.words[id]
		words = append(words, w)
		if !slices.Equal(got[w], p.lists[id]) || !isSortedChunk(got[w]) {
			t.Errorf("%s: postings differ", w)
		}
	}
	if len(got) != len(words) {
		t.Errorf("%d words, want %d", len(got), len(words))
	}

	var rwords []string
	for _, ref := range root.reversed {
		ws, err := decodeReversed(f.get(t, ref.name))
		if err != nil {
			t.Fatal(err)
		}
		rwords = append(rwords, ws...)
	}
	for i := range rwords {
		rwords[i] = reverse(rwords[i])
	}
	slices.Sort(rwords)
	if !slices.Equal(rwords, words) {
		t.Error("reversed words differ")
	}

	for n, d := range p.docs {
		file := n / root.perFile
		cards, err := decodeCards(f.get(t, blockName(root.blocks[file/root.perBlock], file)), root.bits, root.urlPrefix)
		if err != nil {
			t.Fatal(err)
		}
		c := cards[n%root.perFile]
		if c.URL != d.url || c.Title != d.title || c.Date != d.date || c.Severity != severities[d.severity] ||
			!slices.Equal(c.Tags, d.tags) || !bytes.Equal(c.bits, p.docBits(n)) {
			t.Errorf("card %d = %+v, want %+v", n, c, d)
		}
	}

	filters, err := decodeFilters(f.get(t, fileName(root.filters)))
	if err != nil {
		t.Fatal(err)
	}
	for i, tag := range filters.tags {
		var want []int
		for n, d := range p.docs {
			if slices.Contains(d.tags, tag) {
				want = append(want, n)
			}
		}
		ref := filters.tagSets[i]
		if ref.count != len(want) {
			t.Errorf("tag %s: count %d, want %d", tag, ref.count, len(want))
		}
		if ref.hasSet {
			set, err := decodeSet(f.get(t, fileName(ref.set)))
			if err != nil || !slices.Equal(set, want) {
				t.Errorf("tag %s: set %v, %v", tag, set, err)
			}
		}
	}
}

func TestSet(t *testing.T) {
	for _, docs := range [][]int{{}, {0}, {3, 9, 200}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}} {
		for _, n := range []int{10, 1000} {
			if len(docs) > 0 && docs[len(docs)-1] >= n {
				continue
			}
			got, err := decodeSet(encodeSet(docs, n))
			if err != nil || len(got)+len(docs) > 0 && !slices.Equal(got, docs) {
				t.Errorf("set %v of %d: got %v, %v", docs, n, got, err)
			}
		}
	}
}

// TestGolden compares a readable dump of a small index with
// testdata/index.golden; go test -update rewrites it.
func TestGolden(t *testing.T) {
	docs := []Doc{
		{Slug: "cafe", URL: "/stories/cafe/", Title: "Café wifi", Summary: "The demo saw a login page.",
			Date: "2017-02-03", Severity: "low", Tags: []string{"demos", "networking"}, Body: []byte("The portal rewrote every request.")},
		{Slug: "dns", URL: "/stories/dns/", Title: "DNS failover", Summary: "The failover record was gone.",
			Date: "2016-09-14", Severity: "high", Tags: []string{"dns"}, Lessons: []string{"Test failover."},
			Body: []byte("The record for the secondary region had been deleted.")},
		{Slug: "rollback", URL: "/stories/rollback/", Title: "The rollback that rolled back the fix",
			Summary: "Two releases instead of one.", Date: "2016-01-20", Tags: []string{"deploys"},
			Body: []byte("The script rolled back past the hotfix.")},
	}
	f, out := writeIndex(t, docs)
	got := dump(t, f, out)
	const golden = "testdata/index.golden"
	if *update {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("index differs from %s (go test -update rewrites it):\n%s", golden, got)
	}
}

// dump describes every file of an index.
func dump(t *testing.T, f *files, out Output) string {
	var b strings.Builder
	root, err := decodeRoot(f.get(t, strings.TrimPrefix(out.Root, "/")))
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(&b, "root %s: %d docs, %d a card file, %d files a block, blocks %v, %d bits, URL prefix %q, filters %s\n",
		out.Root, root.docs, root.perFile, root.perBlock, root.blocks, root.bits, root.urlPrefix, root.filters)
	for _, ref := range root.forward {
		fw, err := decodeForward(f.get(t, ref.name))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "forward %q %s\n", ref.sep, strings.TrimPrefix(ref.name, Dir))
		for n, w := range fw.tiers {
			fmt.Fprintf(&b, "    %s df=%d bit=%d:", fw.words[n], fw.df[n], fw.bit[n])
			for _, p := range w.first {
				fmt.Fprintf(&b, " %d@%d", docOf(p), levelOf(p))
			}
			b.WriteString("\n")
		}
	}
	for _, ref := range root.reversed {
		ws, err := decodeReversed(f.get(t, ref.name))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "reversed %q %s: %s\n", ref.sep, strings.TrimPrefix(ref.name, Dir), strings.Join(ws, " "))
	}
	for n := range root.docs {
		file := n / root.perFile
		cards, err := decodeCards(f.get(t, blockName(root.blocks[file/root.perBlock], file)), root.bits, root.urlPrefix)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "card %d: %+v\n", n, cards[n%root.perFile])
	}
	fl, err := decodeFilters(f.get(t, fileName(root.filters)))
	if err != nil {
		t.Fatal(err)
	}
	ref := func(r filterRef) string {
		if r.hasSet {
			return fmt.Sprintf("%d set %s", r.count, r.set)
		}
		return fmt.Sprintf("%d", r.count)
	}
	for i, tag := range fl.tags {
		fmt.Fprintf(&b, "tag %s: %s\n", tag, ref(fl.tagSets[i]))
	}
	for i, r := range fl.severities {
		fmt.Fprintf(&b, "severity %s: %s\n", severities[i+1], ref(r))
	}
	names := slices.Clone(out.Files)
	sort.Strings(names)
	fmt.Fprintf(&b, "%d files\n", len(names))
	return b.String()
}

// FuzzDecode feeds every decoder arbitrary bytes, and bytes that start
// like each kind of file; none may panic.
func FuzzDecode(f *testing.F) {
	defer SetDenseMin(2)()
	fs, _ := writeIndex(f, randomDocs(40, 3))
	for _, data := range fs.m {
		f.Add(data)
	}
	f.Add([]byte{kindChunkless, version})
	f.Fuzz(func(t *testing.T, data []byte) {
		decodeAll(data)
		for _, k := range []byte{kindRoot, kindForward, kindReversed, kindTail, kindCards, kindFilters, kindSet} {
			if len(data) > 0 {
				decodeAll(append([]byte{k, version}, data[1:]...))
			}
		}
	})
}

// kindChunkless is a kind no file has.
const kindChunkless = 'X'

func decodeAll(data []byte) {
	decodeRoot(data)
	decodeForward(data)
	decodeReversed(data)
	decodeTail(data)
	decodeCards(data, 0, "")
	decodeCards(data, 17, "/")
	decodeFilters(data)
	decodeSet(data)
	readChunk(data)
}

// TestPatch edits, adds and removes stories between Writes and wants the
// files a fresh index of the same stories would have, and only the
// changed ones written.
func TestPatch(t *testing.T) {
	defer SetDenseMin(40)()
	docs := randomDocs(300, 5)
	ix := New()
	for _, d := range docs {
		ix.Add(d)
	}
	f := &files{}
	if _, err := ix.Write(f.write); err != nil {
		t.Fatal(err)
	}
	r := rand.New(rand.NewPCG(9, 9))
	more := randomDocs(40, 6)
	patched := 0
	defer func() {
		if patched < 15 {
			t.Errorf("%d of 30 Writes patched the previous state", patched)
		}
	}()
	for round := range 30 {
		before := ix.st
		var what string
		switch k := r.IntN(5); {
		case k < 2: // an edit of a story's body
			i := r.IntN(len(docs))
			d := docs[i]
			d.Body = append(slices.Clone(d.Body), fmt.Sprintf(" wedit%d wa1", round)...)
			docs[i] = d
			ix.Add(d)
			what = "edit " + d.Slug
		case k == 2: // a new story, the newest
			d := more[round]
			d.Slug, d.Date = fmt.Sprintf("new%02d", round), "2030-01-01"
			docs = append(docs, d)
			ix.Add(d)
			what = "add " + d.Slug
		case k == 3: // a story removed
			i := r.IntN(len(docs))
			ix.Remove(docs[i].Slug)
			what = "remove " + docs[i].Slug
			docs = slices.Delete(docs, i, i+1)
		default: // a new title, or new tags
			i := r.IntN(len(docs))
			docs[i].Title += " retitled"
			if round%2 == 0 {
				docs[i].Tags = []string{"gamma", "epsilon"}
			}
			ix.Add(docs[i])
			what = "retitle " + docs[i].Slug
		}
		var wrote []string
		var mu sync.Mutex
		out, err := ix.Write(func(name string, data []byte) error {
			mu.Lock()
			wrote = append(wrote, name)
			mu.Unlock()
			return f.write(name, data)
		})
		if err != nil {
			t.Fatal(err)
		}
		if ix.st == before {
			patched++
		}
		fresh, want := writeIndex(t, docs)
		if out.Root != want.Root || !slices.Equal(out.Files, want.Files) {
			t.Fatalf("round %d (%s): the files differ from a fresh index's", round, what)
		}
		for _, name := range want.Files {
			if !bytes.Equal(f.m[name], fresh.m[name]) {
				t.Fatalf("round %d (%s): %s differs", round, what, name)
			}
		}
		slices.Sort(wrote)
		for _, name := range wrote {
			if _, ok := slices.BinarySearch(want.Files, name); !ok {
				t.Errorf("round %d (%s): wrote %s, not a file of the index", round, what, name)
			}
		}
		if out.Written != len(wrote) {
			t.Errorf("round %d: Written = %d, wrote %d", round, out.Written, len(wrote))
		}
	}
}

// TestDenseTierMoves holds a word whose postings stay the same while its
// dense bit comes and goes: its second tier moves from its shard to a
// file of its own and back, and each Write leaves the files a fresh index
// of the same stories has.
func TestDenseTierMoves(t *testing.T) {
	defer SetDenseMin(2)()
	doc := func(i int, body string) Doc {
		return Doc{Slug: fmt.Sprintf("s%04d", i), URL: fmt.Sprintf("/stories/s%04d/", i), Title: fmt.Sprintf("Story %d", i),
			Date: fmt.Sprintf("20%02d-01-01", 10+i/100), Body: []byte(body)}
	}
	var docs []Doc
	for i := range 1000 {
		body := fmt.Sprintf("filler%d", i)
		if i < 300 {
			body += " harbour"
		}
		docs = append(docs, doc(i, body))
	}
	ix := New()
	for _, d := range docs {
		ix.Add(d)
	}
	f := &files{}
	// 300 of 1,000 stories hold the word, a dense share; 300 of 1,204 do not.
	for round, add := range []int{0, 204, -204} {
		for i := range add {
			d := doc(1000+i, "newer")
			docs = append(docs, d)
			ix.Add(d)
		}
		for ; add < 0; add++ {
			ix.Remove(docs[len(docs)-1].Slug)
			docs = docs[:len(docs)-1]
		}
		out, err := ix.Write(f.write)
		if err != nil {
			t.Fatal(err)
		}
		fresh, want := writeIndex(t, docs)
		if out.Root != want.Root || !slices.Equal(out.Files, want.Files) {
			t.Fatalf("round %d: the files differ from a fresh index's", round)
		}
		for _, name := range want.Files {
			if !bytes.Equal(f.m[name], fresh.m[name]) {
				t.Fatalf("round %d: %s differs", round, name)
			}
		}
		r, err := Open(out.Root, func(name string) ([]byte, error) {
			if data, ok := f.m[name]; ok {
				return data, nil
			}
			return nil, fmt.Errorf("%s was never written", name)
		})
		if err != nil {
			t.Fatal(err)
		}
		ms, err := r.Lookup("harbour")
		if err != nil || len(ms) == 0 {
			t.Fatalf("round %d: harbour: %v %v", round, ms, err)
		}
		tails := ms[0].shard.tiers[ms[0].index].tails
		if inShard, want := len(tails) > 0 && tails[0].chunk != nil, round != 1; inShard != want {
			t.Errorf("round %d: the second tier of harbour in its shard: %v, want %v", round, inShard, want)
		}
		if posts, err := r.postings(ms[0]); err != nil || len(posts) != 300 {
			t.Errorf("round %d: harbour has %d postings (%v), want 300", round, len(posts), err)
		}
	}
}
