package diag

import (
	"bytes"
	"testing"
)

func TestListSortsDedupesAndPrints(t *testing.T) {
	var l List
	l.Errorf("content/b.md", 3, 1, "third")
	l.Warnf("content/a.md", 10, 2, "a warning")
	l.Errorf("content/a.md", 2, 5, "first")
	l.Errorf("content/a.md", 2, 5, "first")
	l.Errorf("content/a.md", 0, 0, "whole file")
	l.Errorf("content/c.md", 7, 0, "whole line")
	var b bytes.Buffer
	l.Print(&b, false)
	want := "content/a.md:1:1: whole file\ncontent/a.md:2:5: first\ncontent/a.md:10:2: warning: a warning\ncontent/b.md:3:1: third\ncontent/c.md:7:1: whole line\n"
	if b.String() != want {
		t.Errorf("printed:\n%s\nwant:\n%s", b.String(), want)
	}
	if len(l) != 6 {
		t.Errorf("Print changed the list: %d entries, want 6", len(l))
	}
	l.Sort()
	if l.Errors() != 4 || l.Err() == nil {
		t.Errorf("after Sort: Errors() = %d, Err() = %v; want 4 errors once the duplicate is gone", l.Errors(), l.Err())
	}
	var w List
	w.Warnf("x.md", 1, 1, "only a warning")
	if w.Err() != nil {
		t.Error("a list of warnings is an error")
	}
}

func TestAnnotation(t *testing.T) {
	d := Errorf("content/stories/a,b:c.md", 3, 7, "50%% wrong\nsecond line")
	want := "::error file=content/stories/a%2Cb%3Ac.md,line=3,col=7::50%25 wrong%0Asecond line"
	if got := d.Annotation(); got != want {
		t.Errorf("Annotation() = %q, want %q", got, want)
	}
	if got := Warnf("a.md", 0, 0, "w").Annotation(); got != "::warning file=a.md::w" {
		t.Errorf("warning annotation = %q", got)
	}
}
