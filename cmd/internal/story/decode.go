package story

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"oops/cmd/internal/diag"
	"oops/cmd/internal/front"
)

// A Pos is a line and column in a file.
type Pos struct{ Line, Col int }

func at(v *front.Value) Pos { return Pos{v.Line, v.Col} }

// A decoder turns front-matter values into Go values, collecting an error
// for each value of the wrong shape.
type decoder struct {
	file string
	errs diag.List
}

func (d *decoder) errorf(p Pos, format string, args ...any) {
	d.errs.Errorf(d.file, p.Line, p.Col, format, args...)
}

func (d *decoder) warnf(p Pos, format string, args ...any) {
	d.errs.Warnf(d.file, p.Line, p.Col, format, args...)
}

// A field is one front-matter key a kind of file accepts.
type field[T any] struct {
	name     string
	required bool
	set      func(d *decoder, v *front.Value, t *T)
}

// decodeFields applies the fields of meta to t: each known key is decoded,
// each unknown key is an error with a suggestion, and each required key that
// is missing is an error at the opening delimiter.
func decodeFields[T any](d *decoder, meta *front.Value, open int, kind string, fields []field[T], t *T) {
	seen := map[string]int{}
	for _, f := range meta.Fields {
		if line, dup := seen[f.Key]; dup {
			d.errorf(Pos{f.Line, f.Col}, "%s is given twice (first on line %d): keep one", f.Key, line)
			continue
		}
		k := fieldNamed(fields, f.Key)
		if k == nil {
			d.errorf(Pos{f.Line, f.Col}, "unknown field %q in %s front matter%s", f.Key, kind, suggest(f.Key, fields))
			continue
		}
		seen[f.Key] = f.Line
		if f.Value.Kind == front.Null {
			if k.required {
				d.errorf(Pos{f.Line, f.Col}, "%s is empty: it is required", f.Key)
			}
			continue
		}
		k.set(d, f.Value, t)
	}
	for _, k := range fields {
		if _, ok := seen[k.name]; k.required && !ok {
			d.errorf(Pos{open, 1}, "missing required field %q in %s front matter", k.name, kind)
		}
	}
}

func fieldNamed[T any](fields []field[T], name string) *field[T] {
	for i := range fields {
		if fields[i].name == name {
			return &fields[i]
		}
	}
	return nil
}

func suggest[T any](key string, fields []field[T]) string {
	best, bestDist := "", 3
	for _, f := range fields {
		if d := distance(strings.ToLower(key), f.name); d < bestDist {
			best, bestDist = f.name, d
		}
	}
	var names []string
	for _, f := range fields {
		names = append(names, f.name)
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	return " (known fields: " + strings.Join(names, ", ") + ")"
}

// distance is the optimal-string-alignment edit distance: insertions,
// deletions, substitutions and transpositions of neighbours each count one.
func distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}

// Distance is the edit distance between a and b, counting a swap of two
// neighbouring letters as one edit.
func Distance(a, b string) int { return distance(a, b) }

// Limits on what a file may hold. No real story comes near them; they keep
// a mistaken or hostile file from filling every page it is shown on.
const (
	maxLine  = 300  // characters of a one-line field: a title, a lesson, ...
	maxText  = 1000 // characters of a summary, an impact, a description
	maxURL   = 2000 // characters of a link, an alias or a URL
	maxName  = 200  // characters of a slug or a tag
	maxItems = 50   // items of a list
	maxPath  = 200  // stories of a reading path
)

// MaxTitle and MaxTags are the limits on a story's title (in characters)
// and on its tags, for what writes stories.
const (
	MaxTitle = maxLine
	MaxTags  = maxItems
)

// str decodes a single value as text of at most max characters. Numbers,
// booleans and dates are taken as written; lists and maps are an error.
func (d *decoder) str(v *front.Value, name string, max int) string {
	if v.Kind != front.Scalar {
		d.errorf(at(v), "%s must be a single line of text, not %s", name, v.Kind)
		return ""
	}
	s := strings.TrimSpace(v.Text)
	if s == "" {
		d.errorf(at(v), "%s is empty", name)
	}
	if n := utf8.RuneCountInString(s); n > max {
		d.errorf(at(v), "%s is %d characters long: it may be at most %d", name, n, max)
		return ""
	}
	return s
}

// strs decodes a list of at most maxN text values of at most max
// characters each. A single value where a list is expected is an error
// that shows the list form.
func (d *decoder) strs(v *front.Value, name string, max, maxN int) ([]string, []Pos) {
	if v.Kind != front.List {
		if v.Kind == front.Scalar {
			d.errorf(at(v), "%s must be a list, like %s: [%.40s]", name, name, v.Text)
		} else {
			d.errorf(at(v), "%s must be a list, not %s", name, v.Kind)
		}
		return nil, nil
	}
	items := d.atMost(v, name, maxN)
	out := make([]string, 0, len(items))
	pos := make([]Pos, 0, len(items))
	for _, it := range items {
		s := d.str(it, "each item of "+name, max)
		if s != "" {
			out = append(out, s)
			pos = append(pos, at(it))
		}
	}
	return out, pos
}

// atMost returns the items of the list v, or its first maxN items, the
// first one over them an error.
func (d *decoder) atMost(v *front.Value, name string, maxN int) []*front.Value {
	if len(v.Items) <= maxN {
		return v.Items
	}
	d.errorf(at(v.Items[maxN]), "%s has %d items: it may have at most %d", name, len(v.Items), maxN)
	return v.Items[:maxN]
}

// uniqueSlugs decodes a list of slugs in which each may stand once: the
// second and later mentions of one are errors, and left out.
func (d *decoder) uniqueSlugs(v *front.Value, name string, maxN int) ([]string, []Pos) {
	slugs, pos := d.slugs(v, name, maxN)
	first := map[string]Pos{}
	var out []string
	var outPos []Pos
	for i, s := range slugs {
		if p, dup := first[s]; dup {
			d.errorf(pos[i], "%s lists %q twice (first at %d:%d): keep one", name, s, p.Line, p.Col)
			continue
		}
		first[s] = pos[i]
		out = append(out, s)
		outPos = append(outPos, pos[i])
	}
	return out, outPos
}

func (d *decoder) boolean(v *front.Value, name string) bool {
	if v.Kind != front.Scalar || v.Tag != "bool" {
		d.errorf(at(v), "%s must be true or false", name)
		return false
	}
	return v.Text == "true" || v.Text == "True" || v.Text == "TRUE"
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a slug or tag: lowercase letters and
// digits, words joined by single hyphens.
func ValidSlug(s string) bool { return len(s) <= maxName && slugRE.MatchString(s) }

// slug decodes a value that must be a slug, naming what it is in errors.
func (d *decoder) slug(v *front.Value, name string) string {
	s := d.str(v, name, maxName)
	if s != "" && !ValidSlug(s) {
		hint := ""
		if h := Slugify(s); h != "" {
			hint = fmt.Sprintf(", like %q", h)
		}
		d.errorf(at(v), "%s %q must be lowercase letters, digits and single hyphens%s", name, s, hint)
		return ""
	}
	return s
}

func (d *decoder) slugs(v *front.Value, name string, maxN int) ([]string, []Pos) {
	items, pos := d.strs(v, name, maxName, maxN)
	var out []string
	var outPos []Pos
	for i, s := range items {
		if !ValidSlug(s) {
			hint := ""
			if h := Slugify(s); h != "" {
				hint = fmt.Sprintf(", like %q", h)
			}
			d.errorf(pos[i], "%s item %q must be lowercase letters, digits and single hyphens%s", name, s, hint)
			continue
		}
		out = append(out, s)
		outPos = append(outPos, pos[i])
	}
	return out, outPos
}
