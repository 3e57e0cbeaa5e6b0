package anchors

import (
	"slices"
	"testing"
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
