// Package anchors is the manifest of lesson anchors that a build writes
// beside urls.txt, and the test of whether an anchor still holds the
// lesson it held when it was published.
//
// A lesson's link, /stories/<slug>/#lesson-2, is meant to be as permanent
// as a page's URL. urls.txt lists pages; anchors.txt lists every lesson
// anchor with a fingerprint of its lesson, so that a baseline knows what
// each anchor held. It is a text file, one anchor a line, sorted:
//
//	/stories/<slug>/#<anchor> <fingerprint> <the lesson's text>
//
// The fingerprint is the set of the lesson's words (folded as the search
// index folds them), each as four hex digits of a hash, sorted, or "-"
// for a lesson without words. Two lessons are the same lesson when their
// word sets overlap by at least Threshold (Jaccard similarity): an edit
// of a few words keeps a lesson, a different lesson is another.
package anchors

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"oops/cmd/internal/search"
)

// File is the manifest's name, beside urls.txt at the site's root.
const File = "anchors.txt"

// Threshold is the least Jaccard similarity of two lessons' word sets for
// them to be the same lesson.
const Threshold = 0.5

// An Anchor is one lesson anchor of a site.
type Anchor struct {
	URL   string // path and fragment: "/stories/x/#lesson-2"
	Print string // fingerprint of the lesson
	Text  string // the lesson, on one line
	Line  int    // its line in the manifest it was read from
}

// New returns the anchor of a lesson of the story at the path page.
func New(page, anchor, text string) Anchor {
	return Anchor{URL: page + "#" + anchor, Print: Fingerprint(text), Text: oneLine(text)}
}

// Fingerprint returns the fingerprint of a lesson: its word set.
func Fingerprint(text string) string {
	ws := search.Words(text)
	hs := make([]uint16, len(ws))
	for i, w := range ws {
		hs[i] = uint16(fnv32a(w))
	}
	slices.Sort(hs)
	hs = slices.Compact(hs)
	if len(hs) == 0 {
		return "-"
	}
	const hex = "0123456789abcdef"
	b := make([]byte, 0, 4*len(hs))
	for _, h := range hs {
		b = append(b, hex[h>>12], hex[h>>8&15], hex[h>>4&15], hex[h&15])
	}
	return string(b)
}

// fnv32a is the 32-bit FNV-1a hash of s.
func fnv32a(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// Similarity returns the Jaccard similarity of the word sets of two
// fingerprints, from 0 (no word in common) to 1 (the same words).
func Similarity(a, b string) float64 {
	sa, sb := words(a), words(b)
	if len(sa) == 0 && len(sb) == 0 {
		return 1
	}
	both := 0
	for _, h := range sa {
		if _, ok := slices.BinarySearch(sb, h); ok {
			both++
		}
	}
	return float64(both) / float64(len(sa)+len(sb)-both)
}

// Same reports whether two fingerprints are of the same lesson.
func Same(a, b string) bool { return Similarity(a, b) >= Threshold }

func words(print string) []string {
	if print == "-" || len(print)%4 != 0 {
		return nil
	}
	out := make([]string, 0, len(print)/4)
	for i := 0; i < len(print); i += 4 {
		out = append(out, print[i:i+4])
	}
	return out
}

// Write returns the manifest of anchors, sorted by URL.
func Write(list []Anchor) []byte {
	slices.SortFunc(list, func(a, b Anchor) int { return cmp.Compare(a.URL, b.URL) })
	var b bytes.Buffer
	for _, a := range list {
		b.WriteString(a.URL + " " + a.Print + " " + a.Text + "\n")
	}
	return b.Bytes()
}

// Parse reads a manifest; name is where it came from, for errors.
func Parse(name string, data []byte) ([]Anchor, error) {
	var out []Anchor
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		url, rest, _ := strings.Cut(line, " ")
		print, text, _ := strings.Cut(rest, " ")
		if !strings.HasPrefix(url, "/") || !strings.Contains(url, "#") || print == "" {
			return nil, fmt.Errorf("%s:%d:1: %q is not a lesson anchor: each line of %s is a path with its #anchor, a fingerprint and the lesson", name, i+1, cut(line), File)
		}
		out = append(out, Anchor{URL: url, Print: print, Text: text, Line: i + 1})
	}
	return out, nil
}

func cut(s string) string {
	if r := []rune(s); len(r) > 60 {
		return string(r[:60]) + "…"
	}
	return s
}

// oneLine puts text on one line.
func oneLine(text string) string {
	return strings.Join(strings.Fields(text), " ")
}

// Quote returns text quoted for a message, shortened past 80 characters.
func Quote(text string) string {
	if r := []rune(text); len(r) > 80 {
		text = string(r[:80]) + "…"
	}
	return strconv.Quote(text)
}
