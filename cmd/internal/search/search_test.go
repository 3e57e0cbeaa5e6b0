package search_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"oops/cmd/internal/search"
)

// A queryCase is a line of testdata/queries.txt.
type queryCase struct {
	search.Query
	count   int      // stories that hold every word
	partial int      // stories that hold some, after them
	first   []string // slugs
}

func (c queryCase) String() string {
	return fmt.Sprintf("%q tag=%q severity=%q", c.Text, c.Tag, c.Severity)
}

func readQueries(t testing.TB) []queryCase {
	t.Helper()
	data, err := os.ReadFile("testdata/queries.txt")
	if err != nil {
		t.Fatal(err)
	}
	var out []queryCase
	for line := range strings.Lines(string(data)) {
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		f := strings.Split(line, "|")
		if len(f) != 5 {
			t.Fatalf("queries.txt: %q: want 5 fields separated by |", line)
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		full, partial, _ := strings.Cut(f[3], "+")
		n, err := strconv.Atoi(full)
		m := 0
		if err == nil && partial != "" {
			m, err = strconv.Atoi(partial)
		}
		if err != nil {
			t.Fatalf("queries.txt: %q: %v", line, err)
		}
		out = append(out, queryCase{search.Query{Text: f[0], Tag: f[1], Severity: f[2]}, n, m, strings.Fields(f[4])})
	}
	return out
}

func slug(url string) string {
	return strings.TrimSuffix(strings.TrimPrefix(url, "/stories/"), "/")
}

func TestSearch(t *testing.T) {
	r, _, _ := index(t, docs(t, libraryFS(t)))
	for _, c := range readQueries(t) {
		res, err := r.Search(c.Query)
		if err != nil {
			t.Fatalf("%v: %v", c, err)
		}
		var got []string
		for _, x := range res[:min(len(res), len(c.first))] {
			got = append(got, slug(x.URL))
		}
		partial := 0
		for _, x := range res {
			if x.Partial {
				partial++
			}
		}
		if len(res)-partial != c.count || partial != c.partial || !slices.Equal(got, c.first) {
			t.Errorf("%v: %d+%d results %q, want %d+%d %q", c, len(res)-partial, partial, got, c.count, c.partial, c.first)
		}
	}
}

// rankTies are results of equal scores whose parts differ, in the order
// they rank: the title holding every word, then more words as typed,
// then higher levels, and only then the newer story.
var rankTies = []search.Result{
	{Doc: 0, Score: 2},
	{Doc: 1, Score: 1, Parts: search.Parts{TitleAll: true}},
	{Doc: 2, Score: 1, Parts: search.Parts{Exact: 2}},
	{Doc: 3, Score: 1, Parts: search.Parts{Exact: 1, Levels: 20}},
	{Doc: 5, Score: 1, Parts: search.Parts{Exact: 1, Levels: 3}},
	{Doc: 4, Score: 1, Parts: search.Parts{Exact: 1, Levels: 3}},
}

func TestRankTies(t *testing.T) {
	rs := slices.Clone(rankTies)
	slices.Reverse(rs)
	slices.SortFunc(rs, search.ByRank)
	for i, r := range rs {
		if r.Doc != rankTies[i].Doc {
			t.Errorf("ranked %d at %d, want %d", r.Doc, i, rankTies[i].Doc)
		}
	}
}

// TestCardLessons checks that a card holds its story's lessons with their
// anchors, pinned or by place.
func TestCardLessons(t *testing.T) {
	r, _, _ := index(t, docs(t, libraryFS(t)))
	res, err := r.Search(search.Query{Text: "robot"})
	if err != nil || len(res) != 1 {
		t.Fatalf("robot: %d results, %v", len(res), err)
	}
	want := []search.Lesson{
		{Text: "Certificate expiry is a date you already know; alert on it weeks ahead.", Anchor: "lesson-1"},
		{Text: "A robot renews every certificate and a person checks the robot", Anchor: "lesson-robot"},
	}
	if !slices.Equal(res[0].Lessons, want) {
		t.Errorf("lessons %q, want %q", res[0].Lessons, want)
	}
}

func TestLookup(t *testing.T) {
	r, _, _ := index(t, docs(t, libraryFS(t)))
	kinds := []string{"exact", "prefix", "typo", "prefix-typo", "stem"}
	tests := []struct{ word, want string }{
		{"kubernetes", "kubernetes:exact"},
		{"kube", "kubernetes:prefix"},
		{"k", ""},
		{"certif", "certificate:prefix certificates:prefix"},
		{"deploy", "deploy:exact deploys:stem"},
		{"rolled", "rolled:exact roll:stem"},
		{"roll", "roll:exact rolled:stem rollback:prefix"},
		{"ce", "cent:prefix certificate:prefix certificates:prefix"},
		{"kuberntes", "kubernetes:typo"},
		{"kubernettes", "kubernetes:typo"},
		{"lubernetes", "kubernetes:typo"},
		{"ukbernetes", "kubernetes:typo"},
		{"rollbakc", "rollback:typo"},
		{"kubrn", "kubernetes:prefix-typo"},
		{"rolbakc", ""},
		{"kubr", ""}, // too short for typos
	}
	for _, tt := range tests {
		ms, err := r.Lookup(tt.word)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range ms {
			got = append(got, m.Word+":"+kinds[m.Kind])
		}
		if g := strings.Join(got, " "); g != tt.want {
			t.Errorf("Lookup(%q) = %q, want %q", tt.word, g, tt.want)
		}
	}
}

// TestDeterministic adds the same stories in different orders, at once
// from several goroutines, and wants the same files.
func TestDeterministic(t *testing.T) {
	ds := docs(t, libraryFS(t))
	_, want, _ := index(t, ds)
	for seed := range uint64(3) {
		shuffled := slices.Clone(ds)
		rand.New(rand.NewPCG(seed, 1)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		ix := search.New()
		var wg sync.WaitGroup
		for w := range 3 {
			wg.Go(func() {
				for i := w; i < len(shuffled); i += 3 {
					ix.Add(shuffled[i])
				}
			})
		}
		wg.Wait()
		got := &memFiles{}
		if _, err := ix.Write(got.write); err != nil {
			t.Fatal(err)
		}
		if len(got.files) != len(want.files) {
			t.Fatalf("seed %d: %d files, want %d", seed, len(got.files), len(want.files))
		}
		for name, data := range want.files {
			if !bytes.Equal(got.files[name], data) {
				t.Errorf("seed %d: %s differs", seed, name)
			}
		}
	}
}

// TestWriteAgain checks that a Write writes only what changed since the
// previous one, and names every current file.
func TestWriteAgain(t *testing.T) {
	ds := docs(t, libraryFS(t))
	ix := search.New()
	for _, d := range ds {
		ix.Add(d)
	}
	m := &memFiles{}
	first, err := ix.Write(m.write)
	if err != nil {
		t.Fatal(err)
	}
	if first.Written != len(first.Files) || len(m.files) != len(first.Files) {
		t.Fatalf("first Write wrote %d of %d files", first.Written, len(first.Files))
	}
	again, err := ix.Write(m.write)
	if err != nil {
		t.Fatal(err)
	}
	if again.Written != 0 || !slices.Equal(again.Files, first.Files) || again.Root != first.Root {
		t.Errorf("Write with no change wrote %d files", again.Written)
	}

	// A new word in one story's body.
	d := ds[5]
	d.Body = append(slices.Clone(d.Body), " zanzibar"...)
	ix.Add(d)
	var (
		mu    sync.Mutex
		wrote []string
	)
	edit, err := ix.Write(func(name string, data []byte) error {
		mu.Lock()
		wrote = append(wrote, name)
		mu.Unlock()
		return m.write(name, data)
	})
	if err != nil {
		t.Fatal(err)
	}
	if edit.Written == 0 || edit.Written > len(edit.Files)/2 || len(wrote) != edit.Written {
		t.Errorf("Write after an edit wrote %d of %d files", edit.Written, len(edit.Files))
	}
	for _, name := range wrote {
		if _, found := slices.BinarySearch(edit.Files, name); !found {
			t.Errorf("wrote %s, not among the files", name)
		}
	}

	ix.Remove(d.Slug)
	gone, err := ix.Write(m.write)
	if err != nil {
		t.Fatal(err)
	}
	r, err := search.Open(gone.Root, (&memFiles{files: filesOf(t, m, gone)}).open)
	if err != nil {
		t.Fatal(err)
	}
	if r.Docs() != len(ds)-1 {
		t.Errorf("after Remove, %d stories, want %d", r.Docs(), len(ds)-1)
	}
}

// filesOf returns the files of out, which earlier Writes wrote into m.
func filesOf(t *testing.T, m *memFiles, out search.Output) map[string][]byte {
	files := map[string][]byte{}
	for _, name := range out.Files {
		data, ok := m.files[name]
		if !ok {
			t.Fatalf("%s was never written", name)
		}
		files[name] = data
	}
	return files
}

// TestFamilyInOneShard checks that a stem family stays in one forward
// shard when many words sort between its members, so that a query for
// one of its words finds the others.
func TestFamilyInOneShard(t *testing.T) {
	var filler []string
	for i := range 600 { // words between "migrate" and "migration", 9 kB of them
		filler = append(filler, fmt.Sprintf("migratez%c%c", 'a'+i/26%26, 'a'+i%26)+strings.Repeat("q", i/676))
	}
	ds := []search.Doc{
		{Slug: "a", URL: "/stories/a/", Title: "A migrate", Date: "2024-01-01", Body: []byte("We migrate.")},
		{Slug: "b", URL: "/stories/b/", Title: "B migration", Date: "2024-01-02", Body: []byte(strings.Join(filler, " "))},
		{Slug: "c", URL: "/stories/c/", Title: "C migrations", Date: "2024-01-03", Body: []byte("Migrations.")},
	}
	r, _, _ := index(t, ds)
	for word, want := range map[string]string{
		"migrate":    "migrate:0 migration:4 migrations:4",
		"migration":  "migration:0 migrate:4 migrations:4",
		"migrations": "migrations:0 migrate:4 migration:4",
	} {
		ms, err := r.Lookup(word)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range ms {
			if m.Kind == 0 || m.Kind == 4 { // as typed, or its stem family
				got = append(got, fmt.Sprintf("%s:%d", m.Word, m.Kind))
			}
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("Lookup(%q) = %q, want %q", word, g, want)
		}
	}
}
