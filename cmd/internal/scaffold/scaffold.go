// Package scaffold writes the template of a new story: front matter with
// every field and a hint for each, and the body sections a story is told
// in. Text to replace is marked "(fill in)"; check reports any that is left.
//
// What Template returns parses as a story once its placeholders are filled
// in; with a title and at least one tag, only the "(fill in)" texts stand
// between it and a story that passes check.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"oops/cmd/internal/story"
)

// Marker marks text a writer must replace.
const Marker = "(fill in)"

// Fields are what the template is filled with.
type Fields struct {
	Title string
	Date  string // YYYY-MM-DD
	Due   string // YYYY-MM-DD: when the template's change is due
	Tags  []string
	Slug  string // written only when the file name would give another
}

// Placeholder fills the template for a story not yet named, as the
// "propose a story" link offers it.
var Placeholder = Fields{Title: Marker + " Your story's title", Date: "YYYY-MM-DD", Due: "YYYY-MM-DD"}

// dueIn is how far after a new story its planned change is due, until
// the writer says otherwise.
const dueIn = 90 * 24 * time.Hour

// Template returns the text of a new story.
func Template(f Fields) []byte {
	var b strings.Builder
	b.WriteString("---\n")
	hinted(&b, "title: "+strconv.Quote(f.Title), "the headline: what went wrong, in plain words")
	if f.Slug != "" {
		hinted(&b, "slug: "+f.Slug, "the story's URL: /stories/"+f.Slug+"/")
	}
	hinted(&b, "date: "+f.Date, "when it happened, YYYY-MM-DD")
	fmt.Fprintf(&b, "summary: %q\n", Marker+" One or two sentences: what went wrong and what it cost.")
	hinted(&b, "tags: ["+strings.Join(f.Tags, ", ")+"]", "lowercase words like deploys, database; see /tags/ for those in use")
	b.WriteString(frontRest)
	fmt.Fprintf(&b, "    owner: %q\n", Marker+" The team or person who carries it.")
	hinted(&b, "    due: "+f.Due, "when it should be done; a done change says done: YYYY-MM-DD")
	b.WriteString(frontEnd)
	if f.Slug == "" {
		b.WriteString("# slug: a-shorter-name    # the story's URL is /stories/<slug>/; by default, from the file name\n")
	}
	b.WriteString("---\n")
	b.WriteString(body)
	return []byte(b.String())
}

// hinted writes a front-matter line with a hint, the hints of all lines
// starting in one column.
func hinted(b *strings.Builder, line, hint string) {
	fmt.Fprintf(b, "%-25s # %s\n", line, hint)
}

const frontRest = `authors: []               # who tells the story, e.g. [Ana Ortiz]
severity: medium          # low, medium, high or critical
impact: "` + Marker + ` What it cost, in numbers: minutes down, customers affected, money, hours of work."
duration: "` + Marker + ` How long it lasted, e.g. 70m or 3 weeks."
lessons:                  # one-line takeaways; each gets its own link (#lesson-1, ...)
  - "` + Marker + ` One thing you would tell someone new."
changes:                  # what changed afterward; status: done, in-progress, planned or dropped
  - what: "` + Marker + ` A concrete change: a check, a default, a runbook, a review step."
    status: planned
`

const frontEnd = `related: []               # slugs of stories to show beside this one, e.g. [expired-certificate]
aliases: []               # old URLs of this story, e.g. [/stories/old-name/]
draft: false              # true keeps it out of the published site
`

const body = `
## What happened

` + Marker + ` Tell it in order, with times if you have them. Name the systems and the
steps; say "we", and describe what happened rather than who did it.

## Impact

` + Marker + ` Who noticed and what it cost: users affected, time lost, money, trust.

## How we owned it

` + Marker + ` How it was found, how quickly it was said out loud and to whom, how
people were kept informed, and how it was put right.

## Contributing factors

` + Marker + ` What made the mistake easy to make and hard to catch: process, tooling,
defaults, missing documentation, pressure of a deadline.

## What changed afterward

` + Marker + ` The changes listed above, and why they keep this from happening again.

## Lessons

` + Marker + ` The lessons listed above, told at more length if they need it.
`

// An InputError is a title or tag that Create cannot use: a title that
// gives no slug or is not one line of text, or a tag that is not a tag.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

func inputErrorf(format string, args ...any) error {
	return &InputError{Msg: fmt.Sprintf(format, args...)}
}

// datePrefix is the leading date that a story's file name may carry and
// that its slug leaves out.
var datePrefix = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}-`)

// Create writes the template for a story titled title into the library at
// dir, as content/stories/<slug>.md, and returns the file's path. It refuses
// to overwrite a file, and a title that gives no slug.
func Create(dir, title string, tags []string, now time.Time) (string, error) {
	f, err := fields(title, tags, now)
	if err != nil {
		return "", err
	}
	name := filepath.Join(dir, "content", "stories", story.Slugify(f.Title)+".md")
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return "", err
	}
	out, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists: pick another title, or edit that story", name)
	}
	if err != nil {
		return "", err
	}
	if _, err := out.Write(Template(f)); err != nil {
		out.Close()
		os.Remove(name)
		return "", err
	}
	return name, out.Close()
}

// fields checks a title and tags and returns what the template is filled with.
func fields(title string, tags []string, now time.Time) (Fields, error) {
	title = strings.TrimSpace(title)
	if !utf8.ValidString(title) || strings.ContainsFunc(title, unicode.IsControl) {
		return Fields{}, inputErrorf("the title must be one line of text")
	}
	if n := utf8.RuneCountInString(title); n > story.MaxTitle {
		return Fields{}, inputErrorf("the title is %d characters long: a title may be at most %d", n, story.MaxTitle)
	}
	slug := story.Slugify(title)
	if slug == "" {
		return Fields{}, inputErrorf("title %q gives an empty slug: use a title with some letters or digits a-z, 0-9", title)
	}
	var clean []string
	for _, t := range tags {
		if !story.ValidSlug(t) {
			hint := ""
			if h := story.Slugify(t); h != "" {
				hint = fmt.Sprintf(", like %q", h)
			}
			return Fields{}, inputErrorf("tag %q must be lowercase letters, digits and single hyphens%s", t, hint)
		}
		if !slices.Contains(clean, t) {
			clean = append(clean, t)
		}
	}
	if len(clean) > story.MaxTags {
		return Fields{}, inputErrorf("%d tags: a story may have at most %d", len(clean), story.MaxTags)
	}
	f := Fields{Title: title, Date: now.Format(time.DateOnly), Due: now.Add(dueIn).Format(time.DateOnly), Tags: clean}
	if datePrefix.MatchString(slug) {
		f.Slug = slug // the file name alone would lose the leading date
	}
	return f, nil
}
