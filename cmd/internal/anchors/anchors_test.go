package anchors

import (
	"fmt"
	"hash/fnv"
	"slices"
	"testing"

	"oops/cmd/internal/search"
)

func TestSame(t *testing.T) {
	const lesson = "Alert on expiry dates, not on failures."
	for _, tc := range []struct {
		other string
		same  bool
	}{
		{lesson, true},
		{"alert on expiry dates — not on failures", true},                   // punctuation and case
		{"Alert on certificate expiry dates, not on failures.", true},       // a word added
		{"Alert on expiry dates, not on failed logins.", true},              // a few words changed
		{"Put renewals on a calendar that has an owner.", false},            // another lesson
		{"Dry-run every cleanup script before it deletes anything.", false}, // another lesson
		{"Alert the on-call engineer by phone.", false},                     // a few words in common
	} {
		if got := Same(Fingerprint(lesson), Fingerprint(tc.other)); got != tc.same {
			t.Errorf("Same(%q, %q) = %v (similarity %.2f), want %v", lesson, tc.other, got,
				Similarity(Fingerprint(lesson), Fingerprint(tc.other)), tc.same)
		}
	}
}

func TestWriteParse(t *testing.T) {
	list := []Anchor{
		New("/stories/b/", "lesson-1", "Second story's\nlesson"),
		New("/stories/a/", "lesson-pinned", "A pinned lesson"),
		New("/stories/a/", "lesson-2", "!!!"),
	}
	data := Write(list)
	got, err := Parse("anchors.txt", data)
	if err != nil {
		t.Fatal(err)
	}
	var urls []string
	for _, a := range got {
		urls = append(urls, a.URL)
	}
	if want := []string{"/stories/a/#lesson-2", "/stories/a/#lesson-pinned", "/stories/b/#lesson-1"}; !slices.Equal(urls, want) {
		t.Errorf("anchors %q, want %q sorted", urls, want)
	}
	if got[2].Text != "Second story's lesson" || got[2].Print != Fingerprint("Second story's lesson") || got[0].Print != "-" {
		t.Errorf("read back %+v", got)
	}
	if _, err := Parse("x/anchors.txt", []byte("/stories/a/\n")); err == nil || err.Error() != `x/anchors.txt:1:1: "/stories/a/" is not a lesson anchor: each line of anchors.txt is a path with its #anchor, a fingerprint and the lesson` {
		t.Errorf("a line without an anchor: %v", err)
	}
}

// TestFingerprintFormat holds the fingerprint to what published manifests
// were written with: each word's FNV-1a hash cut to 16 bits, sorted,
// without repeats, as four hex digits.
func TestFingerprintFormat(t *testing.T) {
	for _, text := range []string{"", "Alert on expiry, weeks ahead", "résumé, 出口 and the the the", "A B C D E F G H"} {
		var hs []uint16
		for _, w := range search.Words(text) {
			h := fnv.New32a()
			h.Write([]byte(w))
			hs = append(hs, uint16(h.Sum32()))
		}
		slices.Sort(hs)
		hs = slices.Compact(hs)
		want := "-"
		if len(hs) > 0 {
			want = ""
			for _, h := range hs {
				want += fmt.Sprintf("%04x", h)
			}
		}
		if got := Fingerprint(text); got != want {
			t.Errorf("Fingerprint(%q) = %q, want %q", text, got, want)
		}
	}
}
