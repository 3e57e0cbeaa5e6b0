package check

import (
	"cmp"
	"fmt"
	"maps"
	"slices"

	"oops/cmd/internal/site"
	"oops/cmd/internal/story"
)

// minTagLen is the shortest tag compared by spelling: two short tags one
// letter apart (ci, cd; ios, os) are as likely two topics as one.
const minTagLen = 4

// duplicateTags finds the tags in use that should give way to another,
// each with the warning to give where a story uses it.
func duplicateTags(s *site.Site, files *site.Files) map[string]string {
	use := map[string]string{} // tag to give up: tag to use
	why := map[string]string{}
	for _, name := range slices.Sorted(maps.Keys(files.Tags)) {
		t := files.Tags[name]
		for _, syn := range t.Synonyms {
			if _, ok := use[syn]; !ok && syn != t.Name && s.Tag(syn) != nil {
				use[syn] = t.Name
				why[syn] = fmt.Sprintf("is a synonym of %q (%s lists it)", t.Name, t.File)
			}
		}
	}
	for i, a := range s.Tags {
		for _, b := range s.Tags[i+1:] {
			if !alike(a, b) {
				continue
			}
			keep, drop := a, b
			if prefer(b, a) {
				keep, drop = b, a
			}
			if _, ok := use[drop.Name]; !ok {
				use[drop.Name] = keep.Name
				why[drop.Name] = fmt.Sprintf("looks like a duplicate of %q", keep.Name)
			}
		}
	}
	msgs := map[string]string{}
	for tag := range use {
		to := tag
		for hops := 0; hops < len(use) && use[to] != ""; hops++ {
			to = use[to]
		}
		if to == tag {
			continue // tags that name each other: nothing to choose
		}
		msg := fmt.Sprintf("tag %q %s: use %q", tag, why[tag], to)
		if t := s.Tag(to); t != nil {
			msg += fmt.Sprintf(", as %d %s", len(t.Stories), plural(len(t.Stories), "story does", "stories do"))
		}
		msgs[tag] = msg
	}
	return msgs
}

// alike reports whether two tags look like one spelt two ways: one edit
// apart that is not a digit for a digit (python2, python3), and not both
// described, since a description of each says they are meant apart.
func alike(a, b *site.Tag) bool {
	if len(a.Name) < minTagLen || len(b.Name) < minTagLen || a.Desc != nil && b.Desc != nil {
		return false
	}
	if story.Distance(a.Name, b.Name) != 1 {
		return false
	}
	return len(a.Name) != len(b.Name) || !digitSwap(a.Name, b.Name)
}

// digitSwap reports whether two strings of one length differ only where
// each has a digit.
func digitSwap(a, b string) bool {
	for i := range len(a) {
		if a[i] != b[i] && !(isDigit(a[i]) && isDigit(b[i])) {
			return false
		}
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// prefer reports whether tag a is the one to keep over b: the described
// one, else the one more stories use, else the shorter, else the first.
func prefer(a, b *site.Tag) bool {
	if (a.Desc != nil) != (b.Desc != nil) {
		return a.Desc != nil
	}
	return cmp.Or(
		cmp.Compare(len(b.Stories), len(a.Stories)),
		cmp.Compare(len(a.Name), len(b.Name)),
		cmp.Compare(a.Name, b.Name),
	) < 0
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
