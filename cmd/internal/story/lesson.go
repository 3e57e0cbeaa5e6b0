package story

import (
	"strconv"
	"strings"

	"oops/cmd/internal/front"
)

// LessonAnchor returns the anchor a lesson has by its 1-based position n
// when it pins none: "lesson-n".
func LessonAnchor(n int) string { return "lesson-" + strconv.Itoa(n) }

type lesson struct{ text, anchor string }

var lessonFields = []field[lesson]{
	{"text", true, func(d *decoder, v *front.Value, l *lesson) { l.text = d.str(v, "text", maxLine) }},
	{"anchor", true, func(d *decoder, v *front.Value, l *lesson) { l.anchor = d.anchor(v) }},
}

// lessons decodes the lessons of a story: each text, or a map {text,
// anchor} that pins the lesson's anchor. It sets the lessons, their
// anchors (pinned, else lesson-N by position) and where each stands. Two
// lessons with one anchor are an error at the second.
func (d *decoder) lessons(v *front.Value, s *Story) {
	if v.Kind != front.List {
		d.strs(v, "lessons", maxLine, maxItems)
		return
	}
	firstAt := map[string]int{}
	for _, it := range d.atMost(v, "lessons", maxItems) {
		var l lesson
		if it.Kind == front.Map {
			decodeFields(d, it, it.Line, "lesson", lessonFields, &l)
		} else {
			l.text = d.str(it, "each item of lessons", maxLine)
		}
		if l.text == "" {
			continue
		}
		n := len(s.Lessons) + 1
		if l.anchor == "" {
			l.anchor = LessonAnchor(n)
		}
		if line, dup := firstAt[l.anchor]; dup {
			d.errorf(at(it), "lesson %d has the anchor %s, which the lesson on line %d has too: anchors are unique within a story; pin this lesson to one of its own, like {text: …, anchor: lesson-%s}", n, l.anchor, line, firstWord(l.text))
		} else {
			firstAt[l.anchor] = it.Line
		}
		s.Lessons = append(s.Lessons, l.text)
		s.Anchors = append(s.Anchors, l.anchor)
		s.LessonsAt = append(s.LessonsAt, at(it))
	}
}

// anchor decodes a pinned lesson anchor: "lesson-" and a-z0-9- words, so
// that it can be neither a heading's id nor one of the page's own.
func (d *decoder) anchor(v *front.Value) string {
	a := d.str(v, "anchor", maxLine)
	if a == "" {
		return ""
	}
	if !strings.HasPrefix(a, "lesson-") || !ValidSlug(a) {
		hint := ""
		if h := Slugify(strings.TrimPrefix(a, "lesson-")); h != "" {
			hint = ", like lesson-" + h
		}
		d.errorf(at(v), "anchor %q must be lesson- followed by lowercase letters, digits and single hyphens%s", a, hint)
		return ""
	}
	return a
}

// firstWord returns the first word of text as a slug, for a hint.
func firstWord(text string) string {
	for _, w := range strings.Fields(text) {
		if s := Slugify(w); s != "" {
			return s
		}
	}
	return "1"
}
