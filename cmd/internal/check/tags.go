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
	for _, pair := range oneEditPairs(s.Tags) {
		a, b := pair[0], pair[1]
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

// oneEditPairs returns the pairs of tags, long enough to compare, that
// may be one edit apart, in the order of tags: those that share a
// deletion neighbour (a tag with one letter left out, or the tag itself).
// It takes time in proportion to the tags' length, not to their number
// squared.
func oneEditPairs(tags []*site.Tag) [][2]*site.Tag {
	index := map[string][]int{}
	var pairs [][2]int
	seen := map[[2]int]bool{}
	for i, t := range tags {
		if len(t.Name) < minTagLen {
			continue
		}
		for d := -1; d < len(t.Name); d++ {
			key := t.Name
			if d >= 0 {
				key = t.Name[:d] + t.Name[d+1:]
			}
			for _, j := range index[key] {
				if p := [2]int{j, i}; j != i && !seen[p] {
					seen[p] = true
					pairs = append(pairs, p)
				}
			}
			if l := index[key]; len(l) == 0 || l[len(l)-1] != i {
				index[key] = append(l, i)
			}
		}
	}
	slices.SortFunc(pairs, func(x, y [2]int) int { return cmp.Or(cmp.Compare(x[0], y[0]), cmp.Compare(x[1], y[1])) })
	out := make([][2]*site.Tag, len(pairs))
	for k, p := range pairs {
		out[k] = [2]*site.Tag{tags[p[0]], tags[p[1]]}
	}
	return out
}

// alike reports whether two tags look like one spelt two ways: one edit
// apart that is not a number changed (python2, python3; tag1, tag10), and
// not both described, since a description of each says they are meant
// apart.
func alike(a, b *site.Tag) bool {
	if len(a.Name) < minTagLen || len(b.Name) < minTagLen || a.Desc != nil && b.Desc != nil {
		return false
	}
	if story.Distance(a.Name, b.Name) != 1 {
		return false
	}
	return !numberEdit(a.Name, b.Name)
}

// numberEdit reports whether two strings one edit apart differ in a
// digit: one has a digit where the other has another, or has one more.
func numberEdit(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return isDigit(a[i]) && isDigit(b[i])
	}
	return isDigit(b[i])
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
